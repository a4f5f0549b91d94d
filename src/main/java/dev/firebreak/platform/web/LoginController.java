package dev.firebreak.platform.web;

import dev.firebreak.platform.security.SsoProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The one sign-in page for Firebreak's pages, its API in the browser and Camunda's webapps
 * (Spring Security processes the form's POST; see platform.security.SecurityConfiguration). Under
 * single sign-on it offers the identity provider (and the password form while password login is on).
 */
@Controller
class LoginController {

  private final SsoProperties sso;

  LoginController(SsoProperties sso) {
    this.sso = sso;
  }

  @GetMapping("/login")
  String login(Model model, HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    model.addAttribute("sso", sso.isEnabled());
    model.addAttribute("ssoName", sso.getProviderName());
    model.addAttribute("passwordLogin", !sso.isEnabled() || sso.isPasswordLogin());
    Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    if (sso.isEnabled() && failure instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException e) {
      model.addAttribute("ssoError", e.getError().getDescription() != null ? e.getError().getDescription()
          : e.getMessage());
    }
    return "login";
  }
}
