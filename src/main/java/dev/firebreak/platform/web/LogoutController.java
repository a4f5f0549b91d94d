package dev.firebreak.platform.web;

import dev.firebreak.platform.security.SsoProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-out page: one button (POST /logout with the page's CSRF token, Spring Security's). Camunda's
 * webapps send their own "Log out" here (static/assets/webapp-sign-out.js), so it ends Firebreak's
 * session too, and under single sign-on the identity provider's.
 */
@Controller
class LogoutController {

  private final SsoProperties sso;

  LogoutController(SsoProperties sso) {
    this.sso = sso;
  }

  @GetMapping("/logout")
  String logout(Model model) {
    model.addAttribute("sso", sso.isEnabled());
    model.addAttribute("ssoName", sso.getProviderName());
    return "logout";
  }
}
