package dev.firebreak.statuspage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Web Push for status page visitors (public, no session): the subscription page, its service worker
 * (scope {@code /status}), and the JSON endpoints the page calls with the browser's push subscription.
 * The endpoint URL, known only to the browser and its push service, is the credential for unsubscribing.
 */
@Controller
class PushController {

  /** PushSubscription.toJSON() plus the chosen components. */
  record PushRequest(String endpoint, Keys keys, List<String> components) {
    record Keys(String p256dh, String auth) {
    }
  }

  record Endpoint(String endpoint) {
  }

  private final WebPush pushes;
  private final String worker;

  PushController(WebPush pushes) {
    this.pushes = pushes;
    try (InputStream in = new ClassPathResource("statuspage/push-worker.js").getInputStream()) {
      this.worker = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping("/status/push")
  String page(Model model) {
    model.addAttribute("components", pushes.components());
    model.addAttribute("applicationServerKey", pushes.applicationServerKey());
    return "statuspage/push";
  }

  /** The service worker: shows a pushed notice, opens the status page on a click. */
  @GetMapping("/status/push-worker.js")
  ResponseEntity<String> worker() {
    return ResponseEntity.ok().contentType(BannerController.JAVASCRIPT)
        .header("Service-Worker-Allowed", "/status").header("Cache-Control", "no-cache").body(worker);
  }

  @PostMapping(value = "/status/push/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> subscribe(@RequestBody PushRequest request) {
    PushRequest.Keys keys = request.keys() == null ? new PushRequest.Keys(null, null) : request.keys();
    pushes.subscribe(new WebPush.Subscription(request.endpoint(), keys.p256dh(), keys.auth(), request.components()));
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("status", "active",
        "components", pushes.following(request.endpoint().trim())));
  }

  @PostMapping(value = "/status/push/unsubscribe", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Void> unsubscribe(@RequestBody Endpoint endpoint) {
    pushes.unsubscribe(endpoint.endpoint());
    return ResponseEntity.noContent().build();
  }
}
