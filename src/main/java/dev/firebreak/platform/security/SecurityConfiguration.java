package dev.firebreak.platform.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

/**
 * Who may call what. Camunda REST authenticates with its own filter (HTTP Basic against the
 * identity service) and the webapps with their own login; Firebreak's API uses HTTP Basic against
 * the same identity service. Only the public status page, health and the signed webhooks are open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String[] PUBLIC = {"/status", "/status/**", "/actuator/health", "/actuator/health/**", "/error",
      "/favicon.ico", "/invitations/**"};

  /** Pages' styles are files under /status and /css; no page needs a script or inline style. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-auth");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Integer.MIN_VALUE + 1000);
    return registration;
  }

  @Bean
  @Order(1)
  SecurityFilterChain engineRest(HttpSecurity http) throws Exception {
    return http.securityMatcher(antMatcher("/engine-rest/**"))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, @Lazy IdentityService identity) throws Exception {
    ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
    return http.securityMatcher(antMatcher("/api/**"))
        .authorizeHttpRequests(auth -> auth
            // webhooks check their own bearer token or signature
            .requestMatchers(antMatcher("/api/alerts/**"), antMatcher("/api/jira/webhook"),
                antMatcher("/api/slack/interactions")).permitAll()
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterAfter(new EngineAuthenticationFilter(identity), BasicAuthenticationFilter.class)
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
    // The webapps log in against the identity service themselves and bring their own CSRF filter.
    return http.securityMatcher(antMatcher("/camunda/**"))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  @Order(10)
  SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(antMatcher("/")).permitAll()
            .requestMatchers(java.util.Arrays.stream(PUBLIC).map(AntPathRequestMatcher::antMatcher)
                .toArray(org.springframework.security.web.util.matcher.RequestMatcher[]::new)).permitAll()
            .anyRequest().authenticated())
        // the public status page keeps no session: subscribing needs no CSRF token
        // nor does an invitation link: its one-time token is the proof
        .csrf(csrf -> csrf.ignoringRequestMatchers(antMatcher("/status/**"), antMatcher("/invitations/**")))
        // Firebreak's own pages (status page, situation board) load only their own styles, no scripts
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
        .httpBasic(Customizer.withDefaults())
        .formLogin(Customizer.withDefaults())
        .build();
  }
}
