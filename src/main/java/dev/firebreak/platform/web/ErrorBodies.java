package dev.firebreak.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * No SQL or stack text in any error body. Errors outside Firebreak's controllers (Spring Boot's
 * /error) and Camunda REST's 500 answers say only an error id; the log has the id and what was
 * hidden. ApiProblems does the same for Firebreak's controllers.
 */
@Configuration(proxyBeanMethods = false)
class ErrorBodies {

  private static final Logger log = LoggerFactory.getLogger(ErrorBodies.class);

  /** Spring Boot's /error: never the exception or trace; a 5xx has only an error id as message. */
  @Bean
  ErrorAttributes errorAttributes() {
    return new DefaultErrorAttributes() {
      @Override
      public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options.excluding(
            ErrorAttributeOptions.Include.EXCEPTION, ErrorAttributeOptions.Include.STACK_TRACE,
            ErrorAttributeOptions.Include.BINDING_ERRORS));
        Object status = attributes.get("status");
        if (status instanceof Integer code && code >= 500) {
          String id = ApiProblems.newErrorId();
          log.error("Internal error {} on {}: {}", id, attributes.get("path"), attributes.get("message"),
              getError(request));
          attributes.put("message", ApiProblems.internalErrorDetail(id));
          attributes.put("errorId", id);
        }
        return attributes;
      }
    };
  }

  /**
   * Camunda REST (/engine-rest): a 500's type and message (which may hold SQL from a failed
   * statement) become "InternalError" and an error id; Camunda's error code stays. An optimistic-locking failure keeps its message
   * (it names an entity, not SQL), so clients can see that retrying helps.
   */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> engineRestErrorBodies(ObjectMapper json) {
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
          chain.doFilter(request, wrapper);
        } finally {
          if (wrapper.getStatus() >= 500) {
            hideInternals(request, wrapper, json);
          }
          wrapper.copyBodyToResponse();
        }
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("engine-rest-error-bodies");
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Integer.MIN_VALUE + 900);
    return registration;
  }

  /** ENGINE-03005 names the entity a concurrent transaction changed, never SQL (submit-form wraps it). */
  private static boolean isConcurrentModification(JsonNode parsed) {
    return parsed != null && parsed.path("message").asText("").contains("ENGINE-03005 Execution of '");
  }

  private static void hideInternals(HttpServletRequest request, ContentCachingResponseWrapper response,
      ObjectMapper json) throws IOException {
    String original = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
    JsonNode parsed;
    try {
      parsed = original.isBlank() ? null : json.readTree(original);
    } catch (IOException e) {
      parsed = null;
    }
    String type = parsed != null && parsed.path("type").isTextual() ? parsed.path("type").asText() : "InternalError";
    if ("OptimisticLockingException".equals(type) || isConcurrentModification(parsed)) {
      return;
    }
    String id = ApiProblems.newErrorId();
    log.error("Internal error {} in Camunda REST {} {}: {}", id, request.getMethod(), request.getRequestURI(), original);
    ObjectNode body = json.createObjectNode();
    body.put("type", "InternalError");
    body.put("message", ApiProblems.internalErrorDetail(id));
    if (parsed != null && parsed.has("code")) {
      body.set("code", parsed.get("code"));
    }
    body.put("errorId", id);
    response.resetBuffer();
    response.setContentType("application/json");
    response.getOutputStream().write(json.writeValueAsBytes(body));
  }
}
