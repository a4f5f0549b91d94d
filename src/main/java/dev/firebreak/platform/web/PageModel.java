package dev.firebreak.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the shared page layout (templates/layout.html) shows on every Firebreak page: the
 * signed-in user and the language switch (the same page in the other language, filters kept).
 */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

  @ModelAttribute("signedInUser")
  String signedInUser() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return null;
    }
    return authentication.getName();
  }

  @ModelAttribute("languageLinks")
  Map<String, String> languageLinks(HttpServletRequest request) {
    String path = request.getRequestURI();
    return Map.of("en", withLanguage(path, request.getQueryString(), "en"),
        "ko", withLanguage(path, request.getQueryString(), "ko"));
  }

  private static String withLanguage(String path, String query, String language) {
    return UriComponentsBuilder.fromPath(path).query(query).replaceQueryParam("lang", language).build().toUriString();
  }
}
