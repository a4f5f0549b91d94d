package dev.firebreak.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Real example webhook bodies (src/test/resources/intake), varied per test, and a sender. */
final class AlertPayloads {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private AlertPayloads() {
  }

  static ObjectNode load(String name) {
    try (InputStream in = AlertPayloads.class.getResourceAsStream("/intake/" + name)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example with its one alert changed: group label values, fingerprint, status, start. */
  static ObjectNode alertmanager(String alertname, String service, String fingerprint, String status, Instant startsAt) {
    return vary(load("alertmanager-firing.json"), alertname, service, fingerprint, status, startsAt);
  }

  static ObjectNode grafana(String alertname, String service, String fingerprint, String status, Instant startsAt) {
    return vary(load("grafana-firing.json"), alertname, service, fingerprint, status, startsAt);
  }

  private static ObjectNode vary(ObjectNode payload, String alertname, String service, String fingerprint,
      String status, Instant startsAt) {
    ObjectNode alert = (ObjectNode) payload.withArray("alerts").get(0);
    ((ObjectNode) alert.get("labels")).put("alertname", alertname).put("service", service);
    alert.put("fingerprint", fingerprint).put("status", status).put("startsAt", startsAt.toString());
    if ("resolved".equals(status)) {
      alert.put("endsAt", startsAt.plusSeconds(60).toString());
    }
    payload.put("status", status);
    return payload;
  }

  /** Several alerts in one webhook (Alertmanager batches a group). */
  static ObjectNode batch(ObjectNode... payloads) {
    ObjectNode first = payloads[0].deepCopy();
    ArrayNode alerts = first.putArray("alerts");
    for (ObjectNode payload : payloads) {
      alerts.addAll((ArrayNode) payload.get("alerts"));
    }
    return first;
  }

  record Answer(int status, String body) {
  }

  static Answer post(int port, String path, String token, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
