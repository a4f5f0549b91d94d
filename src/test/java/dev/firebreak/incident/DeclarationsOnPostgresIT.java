package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Declarations on a real, empty PostgreSQL: the first declarations of a year all succeed at once
 * with distinct, gapless keys (also across New Year), and POST /api/incidents honours an
 * Idempotency-Key (the same key and body answer the first incident, another body 422, also when
 * the retries race each other).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeclarationsOnPostgresIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry, "declarations");
  }

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  @Order(1)
  void fiftyConcurrentFirstDeclarationsOfAYearAllSucceedWithDistinctKeys() throws Exception {
    int year = Instant.now().atZone(java.time.ZoneOffset.UTC).getYear();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM incident_key_counter").query(Long.class).single())
        .as("an empty database: no counter row for any year yet").isZero();

    List<Answer> answers = concurrently(50, i -> declare("responder", null, body("Concurrent first " + i)));

    assertThat(answers).extracting(Answer::status).containsOnly(201);
    List<String> keys = answers.stream().map(a -> a.body().path("incident").path("key").asText()).toList();
    assertThat(new HashSet<>(keys)).hasSize(50);
    assertThat(keys).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 50)
        .mapToObj(n -> IncidentKey.format(year, n)).toList());
  }

  @Test
  @Order(2)
  void theFirstDeclarationsOfANewYearStartAtOneAgain() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-12-31T23:59:58Z")));
    Answer lastOfTheYear = declare("responder", null, body("Last of 2031"));
    assertThat(lastOfTheYear.status()).isEqualTo(201);
    assertThat(lastOfTheYear.key()).isEqualTo("INC-2031-0001");

    ClockUtil.setCurrentTime(Date.from(Instant.parse("2032-01-01T00:00:01Z")));
    List<Answer> firstOfTheYear = concurrently(10, i -> declare("manager", null, body("First of 2032 #" + i)));

    assertThat(firstOfTheYear).extracting(Answer::status).containsOnly(201);
    assertThat(firstOfTheYear).extracting(Answer::key).containsExactlyInAnyOrderElementsOf(
        IntStream.rangeClosed(1, 10).mapToObj(n -> IncidentKey.format(2032, n)).toList());
    assertThat(jdbc.sql("SELECT last_number FROM incident_key_counter WHERE key_year = 2031").query(Integer.class)
        .single()).as("the old year's counter is left as it was").isEqualTo(1);
  }

  @Test
  @Order(3)
  void theSameKeyAndBodyAnswerTheFirstIncidentAndAnotherBodyIsRefused() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = body("Checkout latency after the deploy");

    Answer first = declare("responder", key, body);
    Answer retry = declare("responder", key, body);
    Answer retryWithOtherSpacing = declare("responder", key, json.writeValueAsString(json.readTree(body)) + "\n");

    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.key()).isEqualTo(first.key());
    assertThat(retry.location()).isEqualTo("/api/incidents/" + first.key());
    assertThat(retry.replayed()).isTrue();
    assertThat(first.replayed()).isFalse();
    assertThat(retryWithOtherSpacing.key()).isEqualTo(first.key());
    assertThat(incidentsTitled("Checkout latency after the deploy")).isOne();

    Answer otherBody = declare("responder", key, body("Something else entirely"));
    assertThat(otherBody.status()).isEqualTo(422);
    assertThat(otherBody.contentType()).startsWith("application/problem+json");
    assertThat(otherBody.body().path("detail").asText()).contains("Idempotency-Key").contains(first.key());
    assertThat(incidentsTitled("Something else entirely")).isZero();

    Answer otherUser = declare("manager", key, body);
    assertThat(otherUser.status()).as("keys are per user").isEqualTo(201);
    assertThat(otherUser.key()).isNotEqualTo(first.key());
  }

  @Test
  @Order(4)
  void retriesRacingWithOneKeyDeclareOneIncident() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = body("Search index stale");

    List<Answer> answers = concurrently(8, i -> declare("responder", key, body));

    assertThat(answers).extracting(Answer::status).containsOnly(201);
    assertThat(answers.stream().map(Answer::key).distinct()).hasSize(1);
    assertThat(answers.stream().filter(a -> !a.replayed())).hasSize(1);
    assertThat(incidentsTitled("Search index stale")).isOne();
  }

  @Test
  @Order(5)
  void aKeyNamesItsDeclarationFor24Hours() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = body("Reporting export failing");
    Answer first = declare("responder", key, body);

    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(23))));
    assertThat(declare("responder", key, body).key()).isEqualTo(first.key());

    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(25))));
    Answer later = declare("responder", key, body);
    assertThat(later.status()).isEqualTo(201);
    assertThat(later.replayed()).isFalse();
    assertThat(later.key()).isNotEqualTo(first.key());
  }

  @Test
  @Order(6)
  void aMalformedKeyIsRefusedBeforeAnythingIsStored() throws Exception {
    Answer answer = declare("responder", "x".repeat(201), body("Too long a key"));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
    assertThat(incidentsTitled("Too long a key")).isZero();
  }

  private long incidentsTitled(String title) {
    return jdbc.sql("SELECT COUNT(*) FROM incident WHERE title = ?").param(title).query(Long.class).single();
  }

  private String body(String title) {
    return "{\"title\": \"" + title + "\", \"service\": \"checkout\", \"incidentType\": \"degraded-performance\","
        + " \"impactScope\": \"part-of-users\"}";
  }

  record Answer(int status, JsonNode body, String contentType, String location, boolean replayed) {
    String key() {
      return body.path("incident").path("key").asText();
    }
  }

  private Answer declare(String user, String idempotencyKey, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/incidents"))
        .timeout(Duration.ofSeconds(120))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
            .getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body().isEmpty() ? null : json.readTree(response.body()),
        response.headers().firstValue("Content-Type").orElse(""),
        response.headers().firstValue("Location").map(l -> URI.create(l).getPath()).orElse(null),
        response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false));
  }

  interface Call {
    Answer call(int i) throws Exception;
  }

  private List<Answer> concurrently(int n, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Answer>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      Callable<Answer> task = () -> {
        go.await();
        return call.call(index);
      };
      futures.add(pool.submit(task));
    }
    go.countDown();
    List<Answer> answers = new ArrayList<>();
    for (Future<Answer> future : futures) {
      answers.add(future.get());
    }
    pool.shutdown();
    return answers;
  }
}
