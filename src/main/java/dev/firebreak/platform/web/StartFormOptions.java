package dev.firebreak.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A start form's pickers get their options. Camunda Tasklist fills a Camunda Form's {@code valuesKey}
 * from the task's variables, but a start form has none (Tasklist loads no variables for it), so a
 * picker on a start form would offer nothing. When Tasklist (or a client of Camunda REST) fetches a
 * deployed start form ({@code GET …/process-definition/…/deployed-start-form}), every component
 * whose {@code valuesKey} a {@link FormOptions} bean serves gets that bean's options as its
 * {@code values} instead — the directory's people as they are now. The deployed form keeps its
 * {@code valuesKey} (Modeler shows it as it is); the process still checks what is submitted.
 */
@Configuration
class StartFormOptions {

  private static final Logger log = LoggerFactory.getLogger(StartFormOptions.class);
  static final String DEPLOYED_START_FORM = "/deployed-start-form";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> startFormOptionsFilter(List<FormOptions> providers, ObjectMapper json) {
    Map<String, FormOptions> byKey = providers.stream()
        .collect(Collectors.toMap(FormOptions::valuesKey, Function.identity()));
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest request) {
        return byKey.isEmpty() || !"GET".equals(request.getMethod())
            || !request.getRequestURI().endsWith(DEPLOYED_START_FORM);
      }

      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
          chain.doFilter(request, wrapper);
          if (wrapper.getStatus() == HttpServletResponse.SC_OK) {
            byte[] filled = fill(wrapper.getContentAsByteArray(), byKey, json);
            if (filled != null) {
              wrapper.resetBuffer();
              wrapper.getOutputStream().write(filled);
            }
          }
        } finally {
          wrapper.copyBodyToResponse();
        }
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("start-form-options");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    return registration;
  }

  /** The form with its pickers' options filled in, or null when it has no picker a provider serves. */
  static byte[] fill(byte[] body, Map<String, FormOptions> providers, ObjectMapper json) {
    JsonNode form;
    try {
      form = json.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
    if (form == null || !form.path("components").isArray()) {
      return null;
    }
    boolean[] changed = {false};
    fill(form.path("components"), providers, json, changed);
    try {
      return changed[0] ? json.writeValueAsBytes(form) : null;
    } catch (IOException e) {
      log.warn("Could not write the start form with its options: {}", e.getMessage());
      return null;
    }
  }

  private static void fill(JsonNode components, Map<String, FormOptions> providers, ObjectMapper json,
      boolean[] changed) {
    for (JsonNode component : components) {
      FormOptions provider = providers.get(component.path("valuesKey").asText(""));
      if (provider != null && component instanceof ObjectNode picker) {
        try {
          picker.set("values", json.readTree(provider.options()));
          picker.remove("valuesKey");
          changed[0] = true;
        } catch (IOException e) {
          log.warn("Options of {} are not a Json array: {}", provider.valuesKey(), e.getMessage());
        }
      }
      fill(component.path("components"), providers, json, changed);
    }
  }
}
