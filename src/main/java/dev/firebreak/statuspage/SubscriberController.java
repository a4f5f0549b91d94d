package dev.firebreak.statuspage;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public subscription endpoints of the status page. */
@RestController
class SubscriberController {

  private final Subscribers subscribers;

  SubscriberController(Subscribers subscribers) {
    this.subscribers = subscribers;
  }

  record Subscription(String email, String webhookUrl) {
  }

  @PostMapping(value = "/status/subscribe", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> subscribe(@RequestBody Subscription subscription) {
    if (subscription.webhookUrl() != null) {
      String secret = subscribers.subscribeWebhook(subscription.webhookUrl());
      return ResponseEntity.status(201).body(Map.of("status", "active", "secret", secret == null ? "" : secret,
          "signature", "X-Firebreak-Signature: sha256=HMAC-SHA256(secret, X-Firebreak-Timestamp + \".\" + body)"));
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

  private static ResponseEntity<String> page(String text) {
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(text);
  }
}
