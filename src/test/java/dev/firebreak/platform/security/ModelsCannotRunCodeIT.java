package dev.firebreak.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.LifecycleClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Issue 10, point 1, over HTTP as the demo users: a deployed diagram cannot reach beans that are not
 * meant for models, the engine from an expression, or a script engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ModelsCannotRunCodeIT {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  LifecycleClient client;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  record Answer(int status, JsonNode body) {
  }

  Answer deploy(String user, String name, String bpmn) {
    LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", name);
    parts.add("deployment-source", "ModelsCannotRunCodeIT");
    parts.add("data", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name + ".bpmn";
      }
    });
    return RestClient.builder().baseUrl("http://localhost:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build()
        .post().uri("/engine-rest/deployment/create").contentType(MediaType.MULTIPART_FORM_DATA)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes()))
        .body(parts).exchange((request, response) -> {
          byte[] bytes = response.getBody().readAllBytes();
          return new Answer(response.getStatusCode().value(), bytes.length == 0 ? null : json.readTree(bytes));
        });
  }

  static String process(String key, String task) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://firebreak.dev/it">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="Start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Hack"/>
            %s
            <bpmn:sequenceFlow id="f2" sourceRef="Hack" targetRef="End"/>
            <bpmn:endEvent id="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, task);
  }

  static String expressionTask(String expression) {
    return "<bpmn:serviceTask id=\"Hack\" camunda:expression=\"" + expression + "\"/>";
  }

  /** Deploys as the process owner; where process owners may not deploy at all, as the administrator. */
  Answer deployAsOwnerOrAdmin(String key, String bpmn) {
    Answer owner = deploy("owner", key, bpmn);
    return owner.status() == 403 ? deploy("admin", key, bpmn) : owner;
  }

  @Test
  void expressionsNamingBeansNotMeantForModelsFailWithoutEffect() {
    var declared = client.post("responder", "/api/incidents", Map.of("title", "Target of the attack",
        "service", "search", "incidentType", "outage", "impactScope", "part-of-users"));
    assertThat(declared.status()).isEqualTo(201);
    long incidents = jdbc.sql("SELECT COUNT(*) FROM incident").query(Long.class).single();

    Map<String, String> attacks = Map.of(
        "hack-jdbc", "${jdbcTemplate.update('DELETE FROM incident')}",
        "hack-identity", "${identityService.saveUser(identityService.newUser('mallory'))}",
        "hack-datasource", "${dataSource.getConnection().createStatement().execute('DELETE FROM incident')}",
        "hack-engine", "${processEngine.identityService.saveUser(processEngine.identityService.newUser('mallory'))}");
    attacks.forEach((key, expression) -> {
      Answer deployed = deployAsOwnerOrAdmin(key, process(key, expressionTask(expression)));
      if (deployed.status() == 200) {
        LifecycleClient.Response started = client.post("admin", "/engine-rest/process-definition/key/" + key + "/start",
            Map.of());
        assertThat(started.status()).as("%s runs: %s", key, started.body()).isGreaterThanOrEqualTo(400);
        // the cause ("Cannot resolve identifier", ModelSandboxTest) is in the log; the answer shows only an error id
        assertThat(started.body().path("message").asText()).as(key).contains("Error id")
            .doesNotContain("jdbcTemplate", "identityService", "dataSource", "processEngine");
      } else {
        assertThat(deployed.status()).as("%s deploys: %s", key, deployed.body()).isEqualTo(400);
      }
    });
    assertThat(jdbc.sql("SELECT COUNT(*) FROM incident").query(Long.class).single()).isEqualTo(incidents);
    assertThat(client.get("admin", "/engine-rest/user?id=mallory").body()).isEmpty();
  }

  @Test
  void expressionsReachingTheEngineAreRefusedAtDeployment() {
    for (String expression : new String[] {
        "${execution.getProcessEngineServices().getIdentityService().saveUser(execution.getProcessEngineServices().getIdentityService().newUser('mallory'))}",
        "${execution.processEngineServices.identityService.newUser('mallory')}",
        "${''.getClass().forName('java.lang.Runtime')}"}) {
      Answer deployed = deployAsOwnerOrAdmin("hack-escape", process("hack-escape", expressionTask(expression)));
      assertThat(deployed.status()).as("%s: %s", expression, deployed.body()).isEqualTo(400);
      assertThat(deployed.body().path("detail").asText()).contains("which models may not reach");
    }
    assertThat(client.get("admin", "/engine-rest/process-definition?key=hack-escape").body()).isEmpty();
    assertThat(client.get("admin", "/engine-rest/user?id=mallory").body()).isEmpty();
  }

  @Test
  void scriptsAreRefusedAtDeployment() {
    String scriptTask = """
        <bpmn:scriptTask id="Hack" scriptFormat="javascript">
          <bpmn:script>java.lang.Runtime.getRuntime().exec('touch /tmp/pwned')</bpmn:script>
        </bpmn:scriptTask>""";
    Answer task = deployAsOwnerOrAdmin("hack-script", process("hack-script", scriptTask));
    assertThat(task.status()).as("script task: %s", task.body()).isEqualTo(400);
    assertThat(task.body().path("detail").asText()).contains("script task 'Hack'", "firebreak.models.scripts-enabled");

    String listener = """
        <bpmn:serviceTask id="Hack" camunda:expression="${true}">
          <bpmn:extensionElements>
            <camunda:executionListener event="start">
              <camunda:script scriptFormat="groovy">'touch /tmp/pwned'.execute()</camunda:script>
            </camunda:executionListener>
          </bpmn:extensionElements>
        </bpmn:serviceTask>""";
    Answer scriptListener = deployAsOwnerOrAdmin("hack-listener", process("hack-listener", listener));
    assertThat(scriptListener.status()).as("script listener: %s", scriptListener.body()).isEqualTo(400);
    assertThat(scriptListener.body().path("detail").asText()).contains("camunda:script");
    assertThat(client.get("admin", "/engine-rest/process-definition?keysIn=hack-script,hack-listener").body()).isEmpty();
  }
}
