package dev.firebreak.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * /engine-rest logs in with Camunda's own filter (HTTP Basic against the identity service, where
 * {@link TimedLoginLock} keeps the lock). Before it, this filter answers a locked account or a user
 * without a password the way Firebreak's API does (401 problem+json saying so); after it, a refused
 * login is a 401 problem+json too instead of an empty body.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestLogin {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> engineRestLoginAnswers(TimedLoginLock locks, SsoProperties sso) {
    ProblemAuthenticationEntryPoint.Accepts accepts = ProblemAuthenticationEntryPoint.Accepts.of(sso);
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
          // a bearer token: Spring Security's resource server answers a refused one (SsoSecurity)
          chain.doFilter(request, response);
          return;
        }
        String user = accepts == ProblemAuthenticationEntryPoint.Accepts.BEARER ? null : basicUser(authorization);
        if (user != null && refused(locks, locks.status(user), response)) {
          return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED && !response.isCommitted()) {
          response.resetBuffer();
          if (user == null || !refused(locks, locks.status(user), response)) {
            ProblemAuthenticationEntryPoint.write(response,
                new org.springframework.security.authentication.BadCredentialsException("Wrong user name or password"),
                accepts);
          }
        }
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("engine-rest-login-answers");
    registration.addUrlPatterns("/engine-rest/*");
    // before Camunda's own authentication filter (SecurityConfiguration: MIN_VALUE + 1000)
    registration.setOrder(Integer.MIN_VALUE + 950);
    return registration;
  }

  private static boolean refused(TimedLoginLock locks, TimedLoginLock.Status status, HttpServletResponse response)
      throws IOException {
    if (status.state() == TimedLoginLock.State.LOCKED) {
      ProblemAuthenticationEntryPoint.write(response, new LoginRefusals.Locked(status.lockedUntil(), locks.maxAttempts()));
      return true;
    }
    if (status.state() == TimedLoginLock.State.NO_PASSWORD) {
      ProblemAuthenticationEntryPoint.write(response, new LoginRefusals.NoPassword());
      return true;
    }
    return false;
  }

  static String basicUser(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon > 0 ? decoded.substring(0, colon) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
