package dev.firebreak.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.LifecycleClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Backtesting a changed incident-severity table against incidents declared here (their severity
 * decisions recorded by the engine): the incidents whose severity would change, with their inputs
 * and totals; the unchanged table changes nothing; invalid DMN is 422; the lifecycle change review
 * shows the backtest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DecisionBacktestIT {

  private static final String DEPLOYED_TABLE = "dmn/incident-severity.dmn";

  @LocalServerPort
  int port;

  LifecycleClient client;
  RestClient http;

  @BeforeEach
  void clients() {
    client = new LifecycleClient(port);
    http = RestClient.builder().baseUrl("http://localhost:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
  }

  @Test
  void changedSeverityTableShowsTheIncidentsThatWouldHaveBeenSev1InsteadOfSev2() throws Exception {
    // only the incidents of this test (the class's other tests declare theirs in the same context)
    Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Thread.sleep(5);
    List<String> keys = new ArrayList<>();
    keys.add(declare("all-users", "SEV1"));
    String partA = declare("part-of-users", "SEV2");
    String partB = declare("part-of-users", "SEV2");
    keys.add(partA);
    keys.add(partB);
    keys.add(declare("single-customer", "SEV3"));
    String to = Instant.now().plus(1, ChronoUnit.MINUTES).toString();
    String period = "?from=" + from + "&to=" + to;

    // rule 4 (part of the users of a tier-1 service) becomes SEV1
    String deployed = Files.readString(Path.of(DEPLOYED_TABLE));
    String changed = deployed.replace(
        "<outputEntry id=\"incident-severity-rule-4-out-1\"><text>&quot;SEV2&quot;</text></outputEntry>",
        "<outputEntry id=\"incident-severity-rule-4-out-1\"><text>&quot;SEV1&quot;</text></outputEntry>");
    assertThat(changed).isNotEqualTo(deployed);

    JsonNode result = backtest("owner", "incident-severity", period, changed, 200);
    assertThat(result.path("incidents").asInt()).isEqualTo(4);
    assertThat(result.path("changed").asInt()).isEqualTo(2);
    assertThat(result.path("compared").asText()).isEqualTo("severity");
    assertThat(result.path("totals")).hasSize(1);
    assertThat(result.path("totals").get(0).path("text").asText())
        .isEqualTo("2 of 4 incidents would have been SEV1 instead of SEV2");
    List<String> changedKeys = new ArrayList<>();
    for (JsonNode difference : result.path("differences")) {
      changedKeys.add(difference.path("incident").asText());
      assertThat(difference.path("old").path("severity").asText()).isEqualTo("SEV2");
      assertThat(difference.path("new").path("severity").asText()).isEqualTo("SEV1");
      assertThat(difference.path("inputs").path("Impact scope").asText()).isEqualTo("part-of-users");
      assertThat(difference.path("inputs").path("Service tier").asInt()).isEqualTo(1);
      assertThat(difference.path("newRule").path("id").asText()).isEqualTo("incident-severity-rule-4");
      assertThat(difference.path("decisionVersion").asInt()).isPositive();
    }
    assertThat(changedKeys).containsExactlyInAnyOrder(partA, partB);

    // nothing was deployed
    JsonNode definitions = client.get("admin", "/engine-rest/decision-definition?key=incident-severity").body();
    assertThat(definitions).hasSize(1);

    // the table as deployed, sent or named by version: no difference
    JsonNode same = backtest("owner", "incident-severity", period, deployed, 200);
    assertThat(same.path("incidents").asInt()).isEqualTo(4);
    assertThat(same.path("changed").asInt()).isZero();
    assertThat(same.path("differences")).isEmpty();
    assertThat(same.path("summary").asText()).isEqualTo("None of 4 incidents would have come out differently");
    JsonNode byVersion = backtest("admin", "incident-severity", period + "&version=1", "", 200);
    assertThat(byVersion.path("changed").asInt()).isZero();

    // a period without incidents
    assertThat(backtest("owner", "incident-severity", "?from=2020-01-01&to=2020-01-31", changed, 200)
        .path("incidents").asInt()).isZero();
  }

  @Test
  void invalidDecisionTablesAreRefusedAndOnlyProcessOwnersBacktest() throws Exception {
    JsonNode broken = backtest("owner", "incident-severity", "", "<definitions><decision", 422);
    assertThat(broken.path("title").asText()).isEqualTo("Invalid decision table");
    assertThat(broken.path("detail").asText()).startsWith("The DMN does not parse");
    String deployed = Files.readString(Path.of(DEPLOYED_TABLE));
    assertThat(backtest("owner", "another-decision", "", deployed, 422).path("detail").asText())
        .contains("no decision table with the id another-decision");
    assertThat(backtest("owner", "incident-severity", "", "", 422).path("status").asInt()).isEqualTo(422);
    assertThat(backtest("owner", "incident-severity", "?version=99", "", 404).path("title").asText())
        .isEqualTo("Decision not found");
    assertThat(backtest("owner", "incident-severity", "?from=yesterday", deployed, 400).path("status").asInt())
        .isEqualTo(400);
    backtest("responder", "incident-severity", "", deployed, 403);
    backtest("auditor", "incident-severity", "", deployed, 403);
    backtest("manager", "incident-severity", "", deployed, 403);
  }

  @Test
  void theLifecycleChangeReviewShowsTheBacktestOfAChangedTable() throws Exception {
    declare("part-of-users", "SEV2");
    String changed = Files.readString(Path.of(DEPLOYED_TABLE)).replace(
        "<outputEntry id=\"incident-severity-rule-4-out-1\"><text>&quot;SEV2&quot;</text></outputEntry>",
        "<outputEntry id=\"incident-severity-rule-4-out-1\"><text>&quot;SEV1&quot;</text></outputEntry>");
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("summary", "Part of the users of a tier-1 service is SEV1");
    parts.add("files", new ByteArrayResource(changed.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "incident-severity.dmn";
      }
    });
    JsonNode proposed = http.post().uri("/api/lifecycle/changes").contentType(MediaType.MULTIPART_FORM_DATA)
        .header("Authorization", basic("owner")).body(parts)
        .exchange((request, response) -> new ObjectMapper().readTree(response.getBody().readAllBytes()));
    assertThat(proposed.path("backtest").asText())
        .startsWith("Backtest of incident-severity over the last 90 days: ")
        .contains("would have been SEV1 instead of SEV2", "SEV2 → SEV1", "part-of-users");
    String task = client.awaitTask("owner2", proposed.path("id").asText(), "ReviewLifecycleChange");
    JsonNode form = client.get("owner2", "/engine-rest/task/" + task + "/form-variables").body();
    assertThat(form.path("lifecycleBacktest").path("value").asText()).contains("would have been SEV1 instead of SEV2");
  }

  private String declare(String impactScope, String expectedSeverity) {
    Map<String, Object> declaration = new LinkedHashMap<>();
    declaration.put("title", "Payments " + impactScope);
    declaration.put("service", "payments");
    declaration.put("incidentType", "outage");
    declaration.put("impactScope", impactScope);
    declaration.put("description", "Backtest fixture");
    LifecycleClient.Response declared = client.post("responder", "/api/incidents", declaration);
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    assertThat(declared.body().path("incident").path("severity").asText()).isEqualTo(expectedSeverity);
    return declared.body().path("incident").path("key").asText();
  }

  private JsonNode backtest(String user, String decision, String query, String xml, int status) {
    return http.post().uri("/api/decisions/" + decision + "/backtest" + query)
        .contentType(MediaType.APPLICATION_XML).header("Authorization", basic(user))
        .body(xml.getBytes(StandardCharsets.UTF_8))
        .exchange((request, response) -> {
          assertThat(response.getStatusCode().value()).as("%s backtests %s%s", user, decision, query).isEqualTo(status);
          byte[] bytes = response.getBody().readAllBytes();
          if (status != 403) {
            assertThat(response.getHeaders().getContentType()).isNotNull();
          }
          return bytes.length == 0 ? null : new ObjectMapper().readTree(bytes);
        });
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + LifecycleClient.PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
  }
}
