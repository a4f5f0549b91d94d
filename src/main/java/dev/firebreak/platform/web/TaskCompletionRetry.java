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
 * A person completing a task never sees the engine's optimistic-locking conflict. The channel jobs,
 * the escalation at once and the task completion of one incident run at the same moment; when a
 * job commits first, the completion's transaction is rolled back whole (ENGINE-03005), so sending
 * the same completion again is safe. The same race seen earlier — a channel branch ending beside
 * Triage compacts the execution tree while the completion reads it ("cannot signal execution …: it
 * has no current activity", before anything is written) — is sent again too. It is sent again, up to {@value #ATTEMPTS} times, before the
 * answer reaches Tasklist or the API client.
 */
@Configuration(proxyBeanMethods = false)
class TaskCompletionRetry {

  static final int ATTEMPTS = 4;
  private static final Logger log = LoggerFactory.getLogger(TaskCompletionRetry.class);
  private static final Pattern COMPLETION = Pattern.compile(".*/task/[^/]+/(submit-form|complete)$");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> taskCompletionRetryFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
    registration.setName("task-completion-retry");
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
        log.debug("Task completion {} met a concurrent job (attempt {}); sending it again", request.getRequestURI(),
            attempt);
        pause(attempt);
      }
    }

    private static boolean conflicted(ContentCachingResponseWrapper answer) {
      if (answer.getStatus() != 500) {
        return false;
      }
      String body = new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8);
      return body.contains("OptimisticLockingException") || body.contains("has no current activity");
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
