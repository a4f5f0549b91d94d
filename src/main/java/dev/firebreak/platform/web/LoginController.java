package dev.firebreak.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The one sign-in page for Firebreak's pages, its API in the browser and Camunda's webapps
 * (Spring Security processes the form's POST; see platform.security.SecurityConfiguration).
 */
@Controller
class LoginController {

  @GetMapping("/login")
  String login() {
    return "login";
  }
}
