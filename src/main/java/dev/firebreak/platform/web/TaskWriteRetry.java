package dev.firebreak.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A person working a task never sees the engine's optimistic-locking conflict. An incident's first
 * jobs (the channel post, the page, the first notice, the escalation at once) and the responder's
 * claim or completion run at the same moment and touch the same task and execution; when a job
 * commits first, the person's command is rolled back whole (ENGINE-03005, whether Camunda REST
 * reports it as an OptimisticLockingException or wraps it, as submit-form does, in a RestException),
 * so sending the same request again is safe. A completion that read the execution tree while a job
 * changed it ("cannot signal execution …: it has no current activity", before anything is written)
 * is sent again too. Up to {@value #ATTEMPTS} attempts before the answer reaches Tasklist or the
 * API client.
 */
@Configuration(proxyBeanMethods = false)
class TaskWriteRetry {

  static final int ATTEMPTS = 4;
  private static final Logger log = LoggerFactory.getLogger(TaskWriteRetry.class);
  private static final Pattern COMPLETION = Pattern.compile(
      ".*/task/[^/]+/(submit-form|complete|claim|unclaim|assignee|delegate|resolve)$");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> taskWriteRetryFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
    registration.setName("task-write-retry");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Integer.MIN_VALUE + 950);
    return registration;
  }

  static class Filter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      return !"POST".equals(request.getMethod()) || !COMPLETION.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      byte[] body = request.getInputStream().readAllBytes();
      for (int attempt = 1; ; attempt++) {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(new RepeatableBody(request, body), answer);
        if (attempt == ATTEMPTS || !conflicted(answer)) {
          answer.copyBodyToResponse();
          return;
        }
        log.debug("Task write {} met a concurrent job (attempt {}); sending it again", request.getRequestURI(),
            attempt);
        pause(attempt);
      }
    }

    private static boolean conflicted(ContentCachingResponseWrapper answer) {
      if (answer.getStatus() != 500) {
        return false;
      }
      String body = new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8);
      return body.contains("OptimisticLockingException") || body.contains("ENGINE-03005")
          || body.contains("has no current activity");
    }

    private static void pause(int attempt) throws ServletException {
      try {
        Thread.sleep(50L * attempt * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServletException(e);
      }
    }
  }

  /** The request as it came, readable once per attempt. */
  static class RepeatableBody extends HttpServletRequestWrapper {

    private final byte[] body;

    RepeatableBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
