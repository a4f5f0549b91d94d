package dev.firebreak.intake;

import dev.firebreak.platform.time.EngineClock;

import dev.firebreak.platform.web.InvalidInputException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The receivers Alertmanager and Grafana page. Answers: 200 once the alerts are stored (also for
 * duplicates; incidents follow from the alert processor within moments),
 * 400 malformed, 401 bad token or signature, 413 too large, 503 when the alerts cannot be stored
 * now — Alertmanager retries only on 5xx, so nothing is lost.
 */
@RestController
class AlertWebhookController {

  private final WebhookAuthentication authentication;
  private final WebhookPayloads payloads;
  private final AlertIntake intake;
  private final IntakeProperties properties;
  private final MeterRegistry meters;
  private final EngineClock clock;

  AlertWebhookController(WebhookAuthentication authentication, WebhookPayloads payloads, AlertIntake intake,
      IntakeProperties properties, MeterRegistry meters, EngineClock clock) {
    this.clock = clock;
    this.authentication = authentication;
    this.payloads = payloads;
    this.intake = intake;
    this.properties = properties;
    this.meters = meters;
  }

  @PostMapping("/api/alerts/alertmanager")
  ResponseEntity<?> alertmanager(HttpServletRequest request) {
    return receive(WebhookPayloads.ALERTMANAGER, request, payloads::alertmanager);
  }

  @PostMapping("/api/alerts/grafana")
  ResponseEntity<?> grafana(HttpServletRequest request) {
    return receive(WebhookPayloads.GRAFANA, request, payloads::grafana);
  }

  private ResponseEntity<?> receive(String source, HttpServletRequest request,
      Function<byte[], List<AlertEvent>> reader) {
    Timer.Sample sample = Timer.start(meters);
    try {
      authentication.checkToken(request);
      byte[] body = readLimited(request);
      if (body == null) {
        return rejected(source, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
            "The body is larger than " + properties.getMaxBodyBytes() + " bytes (firebreak.intake.max-body-bytes)");
      }
      if (WebhookPayloads.GRAFANA.equals(source)) {
        authentication.checkGrafanaSignature(request, body, clock.now());
      }
      List<AlertEvent> events = reader.apply(body);
      AlertIntake.Result result = intake.accept(events);
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("received", events.size());
      answer.put("accepted", result.accepted());
      answer.put("duplicates", result.duplicates());
      return ResponseEntity.ok(answer);
    } catch (WebhookAuthentication.Refused e) {
      return rejected(source, HttpStatus.UNAUTHORIZED, "Unauthorized", e.getMessage());
    } catch (InvalidInputException e) {
      intake.increment(source, "rejected", 1);
      throw e;
    } catch (AlertIntake.Unavailable e) {
      return rejected(source, HttpStatus.SERVICE_UNAVAILABLE, "Try again later",
          e.getMessage() + ": nothing was stored; the sender should retry");
    } catch (IOException e) {
      return rejected(source, HttpStatus.BAD_REQUEST, "Unreadable body", e.getMessage());
    } finally {
      sample.stop(Timer.builder("firebreak.alert.intake").tag("source", source)
          .description("Time to take an alert webhook, from receipt to answer")
          .publishPercentileHistogram().register(meters));
    }
  }

  /** The body, or null when it is larger than the limit. */
  private byte[] readLimited(HttpServletRequest request) throws IOException {
    int limit = properties.getMaxBodyBytes();
    if (request.getContentLengthLong() > limit) {
      return null;
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(limit + 1);
      return body.length > limit ? null : body;
    }
  }

  private ResponseEntity<ProblemDetail> rejected(String source, HttpStatus status, String title, String detail) {
    intake.increment(source, "rejected", 1);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      builder.header("Retry-After", "10");
    }
    if (status == HttpStatus.UNAUTHORIZED) {
      builder.header("WWW-Authenticate", "Bearer realm=\"Firebreak alerts\"");
    }
    return builder.body(problem);
  }
}
