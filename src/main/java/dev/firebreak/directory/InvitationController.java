package dev.firebreak.directory;

import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.web.ApiProblems;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Invitations: administrators send one (POST /api/directory/people/{id}/invitation); the person
 * opens the e-mailed link (GET /invitations/{token}, a small form) and sets a password once
 * (POST /invitations/{token}, form or JSON). A used, unknown or expired link answers 410.
 */
@RestController
class InvitationController {

  private final Invitations invitations;

  InvitationController(Invitations invitations) {
    this.invitations = invitations;
  }

  @PostMapping("/api/directory/people/{id}/invitation")
  ResponseEntity<?> invite(@PathVariable String id, Authentication user) {
    if (user == null || user.getAuthorities().stream().map(Object::toString)
        .noneMatch(a -> a.equals("GROUP_" + Groups.CAMUNDA_ADMIN))) {
      return ApiProblems.problem(HttpStatus.FORBIDDEN, "Not allowed", "Only administrators send invitations");
    }
    Invitations.Sent sent = invitations.invite(id, user.getName());
    return ResponseEntity.accepted().body(Map.of("person", sent.person(), "sentTo", sent.sentTo(),
        "expiresAt", sent.expiresAt().toString(),
        "detail", "An e-mail with a one-time link to set a password is on its way to " + sent.sentTo()));
  }

  record NewPassword(String password) {
  }

  @PostMapping(value = "/invitations/{token}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> accept(@PathVariable String token, @RequestBody NewPassword body) {
    String person = invitations.accept(token, body == null ? null : body.password());
    return ResponseEntity.ok(Map.of("user", person, "detail", "Your password is set; log in as '" + person + "'."));
  }

  @PostMapping(value = "/invitations/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> acceptFromPage(@PathVariable String token, @RequestParam(required = false) String password) {
    String person = invitations.accept(token, password);
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN)
        .body("Your password is set. Log in to Firebreak as '" + person + "'.");
  }

  @GetMapping(value = "/invitations/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(@PathVariable String token) {
    String person = invitations.holder(token);
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body("""
        <!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Set your Firebreak password</title></head>
        <body><h1>Set your Firebreak password</h1><p>User: <b>%s</b></p>
        <form method="post" action="/invitations/%s"><label>Password (at least 12 characters)
        <input type="password" name="password" minlength="12" required autocomplete="new-password"></label>
        <button type="submit">Set password</button></form></body></html>""".formatted(
        HtmlUtils.htmlEscape(person), HtmlUtils.htmlEscape(token)));
  }

  @ExceptionHandler(Invitations.Gone.class)
  ResponseEntity<ProblemDetail> gone(Invitations.Gone e) {
    return ApiProblems.problem(HttpStatus.GONE, "Invitation not valid", e.getMessage());
  }
}
