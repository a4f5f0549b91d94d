package dev.firebreak.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.web.FieldChecks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Reads Alertmanager (version "4") and Grafana (version "1") webhook bodies into alert events,
 * naming every malformed field, so a bad payload is refused whole and nothing is stored.
 */
@Component
class WebhookPayloads {

  static final String ALERTMANAGER = "alertmanager";
  static final String GRAFANA = "grafana";

  /** Go's zero time: Alertmanager's "no end yet". */
  private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private final ObjectMapper json;

  WebhookPayloads(ObjectMapper json) {
    this.json = json;
  }

  List<AlertEvent> alertmanager(byte[] body) {
    return read(body, ALERTMANAGER, "4");
  }

  List<AlertEvent> grafana(byte[] body) {
    return read(body, GRAFANA, "1");
  }

  private List<AlertEvent> read(byte[] body, String source, String version) {
    JsonNode root = parse(body);
    FieldChecks checks = new FieldChecks();
    checks.check(version.equals(root.path("version").asText(null)), "version",
        "must be \"" + version + "\" for a " + source + " webhook (was " + root.path("version") + ")");
    JsonNode alerts = root.path("alerts");
    checks.check(alerts.isArray() && !alerts.isEmpty(), "alerts", "must be a non-empty array");
    List<AlertEvent> events = new ArrayList<>();
    if (alerts.isArray()) {
      for (int i = 0; i < alerts.size(); i++) {
        AlertEvent event = alert(alerts.get(i), "alerts[" + i + "]", source, checks);
        if (event != null) {
          events.add(event);
        }
      }
    }
    checks.throwIfAny();
    return events;
  }

  private AlertEvent alert(JsonNode alert, String path, String source, FieldChecks checks) {
    String status = alert.path("status").asText("");
    boolean statusOk = status.equals("firing") || status.equals("resolved");
    checks.check(statusOk, path + ".status", "must be \"firing\" or \"resolved\"");
    Map<String, String> labels = strings(alert.path("labels"), path + ".labels", checks);
    checks.check(labels.containsKey("alertname"), path + ".labels.alertname", "is required");
    Map<String, String> annotations = strings(alert.path("annotations"), path + ".annotations", checks);
    Instant startsAt = time(alert.path("startsAt"), path + ".startsAt", true, checks);
    Instant endsAt = time(alert.path("endsAt"), path + ".endsAt", false, checks);
    if (!statusOk || startsAt == null) {
      return null;
    }
    String fingerprint = alert.path("fingerprint").asText("");
    if (fingerprint.isBlank()) {
      fingerprint = fingerprint(labels);
    }
    checks.check(fingerprint.length() <= 200, path + ".fingerprint", "must be at most 200 characters");
    return new AlertEvent(source, fingerprint, AlertEvent.Status.valueOf(status.toUpperCase()), labels,
        annotations, startsAt, endsAt != null && endsAt.isAfter(ZERO_TIME) ? endsAt : null, extras(alert));
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode root = json.readTree(body);
      if (root == null || !root.isObject()) {
        new FieldChecks().add("body", "must be a JSON object").throwIfAny();
      }
      return root;
    } catch (IOException e) {
      new FieldChecks().add("body", "is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())).throwIfAny();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> strings(JsonNode node, String path, FieldChecks checks) {
    Map<String, String> values = new TreeMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return values;
    }
    if (!node.isObject()) {
      checks.add(path, "must be an object of strings");
      return values;
    }
    node.fields().forEachRemaining(field -> {
      if (field.getValue().isValueNode()) {
        values.put(field.getKey(), field.getValue().asText());
      } else {
        checks.add(path + "." + field.getKey(), "must be a string");
      }
    });
    return values;
  }

  private static Instant time(JsonNode node, String path, boolean required, FieldChecks checks) {
    if (node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
      if (required) {
        checks.add(path, "is required (RFC 3339 time)");
      }
      return null;
    }
    try {
      // databases keep microseconds; Alertmanager sends nanoseconds: compare what is stored
      return OffsetDateTime.parse(node.asText()).toInstant().truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      checks.add(path, "must be an RFC 3339 time (was '" + node.asText() + "')");
      return null;
    }
  }

  private static Map<String, Object> extras(JsonNode alert) {
    Map<String, Object> extras = new LinkedHashMap<>();
    for (String link : List.of("generatorURL", "dashboardURL", "panelURL", "silenceURL", "imageURL")) {
      String value = alert.path(link).asText("");
      if (!value.isBlank()) {
        extras.put(link, value);
      }
    }
    JsonNode values = alert.path("values");
    if (values.isObject() && !values.isEmpty()) {
      Map<String, Object> numbers = new LinkedHashMap<>();
      values.fields().forEachRemaining(field -> numbers.put(field.getKey(),
          field.getValue().isNumber() ? field.getValue().numberValue() : field.getValue().asText()));
      extras.put("values", numbers);
    }
    String valueString = alert.path("valueString").asText("");
    if (!valueString.isBlank()) {
      extras.put("valueString", valueString);
    }
    return extras;
  }

  /** Alertmanager always sends a fingerprint; for senders that do not, the sorted labels identify the alert. */
  static String fingerprint(Map<String, String> labels) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      labels.forEach((name, value) -> digest.update((name + "=" + value + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
