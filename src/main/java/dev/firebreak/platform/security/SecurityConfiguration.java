package dev.firebreak.platform.security;

import jakarta.servlet.DispatcherType;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
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
 * Who may call what. People sign in once, on Firebreak's form login (/login, a session): it opens
 * Firebreak's pages, its API in the browser and Camunda's webapps (Camunda's
 * ContainerBasedAuthenticationFilter takes the signed-in user, {@link SignedInWebappUser}). API
 * clients use HTTP Basic on /api and /engine-rest (Camunda REST authenticates with its own filter);
 * both check the identity service's users and passwords. Only the public status page, health, the
 * sign-in page and the signed webhooks are open. With single sign-on (firebreak.sso.*, {@link SsoSecurity})
 * people may sign in at the identity provider instead and API clients send its bearer tokens; password
 * login can then be switched off.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String[] PUBLIC = {"/status", "/status/**", "/actuator/health", "/actuator/health/**", "/error",
      "/favicon.ico", "/invitations/**", "/assets/**", "/login"};
  static final String LOGIN = "/login";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /** After signing in, back to the page that asked for it (no "?continue" marker in its address). */
  private static HttpSessionRequestCache requestCache() {
    HttpSessionRequestCache cache = new HttpSessionRequestCache();
    cache.setMatchingRequestParameterName(null);
    return cache;
  }

  /**
   * Camunda's webapps take the user Firebreak signed in (instead of their own login form): runs
   * after Spring Security's filter and before the webapps' own authentication filter.
   */
  @Bean
  FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappSingleSignOn() {
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
    registration.setName("firebreak-webapp-sso");
    registration.addInitParameter("authentication-provider", SignedInWebappUser.class.getName());
    registration.addUrlPatterns("/camunda/*");
    registration.setOrder(0);
    return registration;
  }

  /** Pages' styles and the board's one script are files (/assets, /status, /css); nothing inline. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  /**
   * Under single sign-on the pages' forms may also lead to the provider: Sign out ends its session
   * there (a redirect the browser checks against form-action).
   */
  static String contentSecurityPolicy(SsoProperties sso) {
    if (!sso.isEnabled()) {
      return CONTENT_SECURITY_POLICY;
    }
    java.net.URI issuer = java.net.URI.create(sso.getIssuer());
    String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
    return CONTENT_SECURITY_POLICY.replace("form-action 'self'", "form-action 'self' " + origin);
  }

  /**
   * Camunda REST's own authentication. Without single sign-on: HTTP Basic, before Spring Security.
   * With it: after Spring Security's filter (which validated a bearer token), {@link SignedInRestUser}
   * takes the token's user, or HTTP Basic while password login is on.
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(SsoProperties sso) {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-auth");
    registration.addUrlPatterns("/engine-rest/*");
    if (sso.isEnabled()) {
      registration.addInitParameter("authentication-provider", sso.isPasswordLogin()
          ? SignedInRestUser.OrPassword.class.getName() : SignedInRestUser.class.getName());
      registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    } else {
      registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
      registration.setOrder(Integer.MIN_VALUE + 1000);
    }
    return registration;
  }

  @Bean
  @Order(1)
  SecurityFilterChain engineRest(HttpSecurity http, SsoProperties sso, ObjectProvider<SsoSecurity> ssoSecurity)
      throws Exception {
    http.securityMatcher(antMatcher("/engine-rest/**"))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    if (sso.isEnabled()) {
      // a bearer token is validated here; without one Camunda's filter decides (SignedInRestUser)
      ssoSecurity.getObject().bearer(http, new ProblemAuthenticationEntryPoint(ProblemAuthenticationEntryPoint.Accepts.of(sso)));
    }
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, @Lazy IdentityService identity, SsoProperties sso,
      ObjectProvider<SsoSecurity> ssoSecurity) throws Exception {
    ProblemAuthenticationEntryPoint entryPoint =
        new ProblemAuthenticationEntryPoint(ProblemAuthenticationEntryPoint.Accepts.of(sso));
    RequestMatcher webhooks = new OrRequestMatcher(antMatcher("/api/alerts/**"), antMatcher("/api/jira/webhook"),
        antMatcher("/api/slack/interactions"), antMatcher("/api/deployments/argocd"), antMatcher("/api/deployments/github"));
    // A browser's signed-in session is accepted too (links from the board open without a Basic
    // prompt); a write on the session needs the page's CSRF token, HTTP Basic calls do not.
    RequestMatcher sessionWrite = request -> !SAFE_METHODS.contains(request.getMethod())
        && request.getHeader("Authorization") == null && request.getSession(false) != null
        && !webhooks.matches(request);
    http.securityMatcher(antMatcher("/api/**"))
        .authorizeHttpRequests(auth -> auth
            // webhooks check their own bearer token or signature
            .requestMatchers(antMatcher("/api/alerts/**"), antMatcher("/api/jira/webhook"),
                antMatcher("/api/slack/interactions"), antMatcher("/api/deployments/argocd"),
                antMatcher("/api/deployments/github")).permitAll()
            .anyRequest().authenticated());
    if (passwordLogin(sso)) {
      http.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint));
    }
    if (sso.isEnabled()) {
      // the webhooks' own bearer tokens are not the identity provider's: they are left to the webhooks
      http.oauth2ResourceServer(server -> server.bearerTokenResolver(request -> webhooks.matches(request)
          ? null : new org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver().resolve(request)));
      ssoSecurity.getObject().bearer(http, entryPoint);
    }
    return http.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
        .csrf(csrf -> csrf.requireCsrfProtectionMatcher(sessionWrite))
        // reads the session of a signed-in browser, never creates one (Basic calls stay sessionless)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .requestCache(cache -> cache.disable())
        .addFilterAfter(new EngineAuthenticationFilter(identity), BasicAuthenticationFilter.class)
        .build();
  }

  /** Firebreak's own passwords (the form, HTTP Basic): always without single sign-on, else as configured. */
  static boolean passwordLogin(SsoProperties sso) {
    return !sso.isEnabled() || sso.isPasswordLogin();
  }

  @Bean
  @Order(3)
  SecurityFilterChain camundaWebapps(HttpSecurity http, SsoProperties sso) throws Exception {
    // with only the identity provider, a person goes straight to its sign-in page
    String signIn = passwordLogin(sso) ? LOGIN : SsoConfiguration.AUTHORIZATION;
    // Signed in on Firebreak's form login (the session), never HTTP Basic: the webapps take that
    // user (webappSingleSignOn). Their pages send a person to /login, their API answers 401. They
    // bring their own CSRF filter.
    return http.securityMatcher(antMatcher("/camunda/**"))
        .authorizeHttpRequests(auth -> auth
            .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
            .anyRequest().authenticated())
        .exceptionHandling(e -> e
            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                antMatcher("/camunda/api/**"))
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(signIn), AnyRequestMatcher.INSTANCE))
        .requestCache(cache -> cache.requestCache(requestCache()))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  @Order(10)
  SecurityFilterChain everythingElse(HttpSecurity http, SsoProperties sso, ObjectProvider<SsoSecurity> ssoSecurity)
      throws Exception {
    if (passwordLogin(sso)) {
      http.httpBasic(Customizer.withDefaults()).formLogin(form -> form.loginPage(LOGIN).permitAll());
    }
    http
        .authorizeHttpRequests(auth -> auth
            // the live board's stream completes on an async dispatch of a request already let in
            .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
            .requestMatchers(antMatcher("/")).permitAll()
            .requestMatchers(java.util.Arrays.stream(PUBLIC).map(AntPathRequestMatcher::antMatcher)
                .toArray(org.springframework.security.web.util.matcher.RequestMatcher[]::new)).permitAll()
            .anyRequest().authenticated())
        // the public status page keeps no session: subscribing needs no CSRF token
        // nor does an invitation link: its one-time token is the proof
        .csrf(csrf -> csrf.ignoringRequestMatchers(antMatcher("/status/**"), antMatcher("/invitations/**")))
        // Firebreak's own pages load only their own styles and scripts (the board's live script is a file)
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(sso))))
        .logout(logout -> logout.logoutSuccessUrl(LOGIN + "?logout"))
        .requestCache(cache -> cache.requestCache(requestCache()));
    if (sso.isEnabled()) {
      // the provider's sign-in beside (or instead of) the form; logout also at the provider
      ssoSecurity.getObject().signIn(http);
    }
    return http.build();
  }
}
