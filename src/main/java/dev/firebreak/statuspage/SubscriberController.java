package dev.firebreak.statuspage;

import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.web.ApiProblems;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public subscription endpoints of the status page. */
@RestController
class SubscriberController {

  private final Subscribers subscribers;
  private final FirebreakProperties properties;

  SubscriberController(Subscribers subscribers, FirebreakProperties properties) {
    this.subscribers = subscribers;
    this.properties = properties;
  }

  record Subscription(String email, String webhookUrl) {
  }

  @PostMapping(value = "/status/subscribe", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> subscribe(@RequestBody Subscription subscription) {
    if (subscription.webhookUrl() != null) {
      Subscribers.WebhookSubscription webhook = subscribers.subscribeWebhook(subscription.webhookUrl());
      if (!webhook.created()) {
        // never the secret again: whoever asks a second time may not be who subscribed
        return ResponseEntity.ok(Map.of("status", "active", "detail", "This URL is already subscribed. Its secret "
            + "was given once, in the answer to the first subscription; to get a new one, unsubscribe with the "
            + "link from that answer and subscribe again."));
      }
      return ResponseEntity.status(201).body(Map.of("status", "active", "secret", webhook.secret(),
          "signature", "X-Firebreak-Signature: sha256=HMAC-SHA256(secret, X-Firebreak-Timestamp + \".\" + body)",
          "unsubscribe", properties.getBaseUrl() + "/status/unsubscribe?token=" + webhook.unsubscribeToken()));
    }
    subscribers.subscribeEmail(subscription.email());
    return ResponseEntity.accepted().body(Map.of("status", "pending",
        "detail", "We sent a confirmation link to " + subscription.email().trim()));
  }

  @PostMapping(value = "/status/subscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> subscribeFromPage(@RequestParam(required = false) String email) {
    subscribers.subscribeEmail(email);
    return page("Check your mailbox: we sent a confirmation link.");
  }

  @GetMapping("/status/subscriptions/confirm")
  ResponseEntity<String> confirm(@RequestParam String token) {
    return subscribers.confirm(token) ? page("You are subscribed to status updates.")
        : ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN).body("This confirmation link is not valid.");
  }

  @GetMapping("/status/unsubscribe")
  ResponseEntity<String> unsubscribe(@RequestParam String token) {
    subscribers.unsubscribe(token);
    return page("You are unsubscribed. You will not receive status updates any more.");
  }

  @PostMapping("/status/unsubscribe")
  ResponseEntity<String> unsubscribeOneClick(@RequestParam String token) {
    return unsubscribe(token);
  }

  @ExceptionHandler(Subscribers.TooManyConfirmations.class)
  ResponseEntity<ProblemDetail> tooMany(Subscribers.TooManyConfirmations e) {
    ResponseEntity<ProblemDetail> problem = ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS,
        "Too many confirmation e-mails", e.getMessage());
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
  }

  private static ResponseEntity<String> page(String text) {
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(text);
  }
}
