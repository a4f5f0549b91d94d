package dev.firebreak.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.LifecycleClient;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** The contact directory over HTTP: seeded, on-call answers across a handover and with an override, edits. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DirectoryIT {

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;
  @Autowired
  Directory directory;
  LifecycleClient client;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  @Test
  void onCallFollowsTheSeededRotationAndOverrides() {
    assertThat(onCall("payments", "2026-01-05T00:00:00Z")).isEqualTo("payments-dev");
    assertThat(onCall("payments", "2026-01-11T23:59:59Z")).isEqualTo("payments-dev");
    assertThat(onCall("payments", "2026-01-12T00:00:00Z")).as("after the weekly handover").isEqualTo("payments-lead");
    assertThat(client.get("responder", "/api/oncall?service=payments&at=2026-01-12T00:00:00Z").body()
        .path("until").asText()).isEqualTo("2026-01-19T00:00:00Z");

    var refused = client.post("responder", "/api/directory/teams/payments/overrides", Map.of("person", "responder",
        "from", "2026-01-13T00:00:00Z", "until", "2026-01-14T00:00:00Z"));
    assertThat(refused.status()).isEqualTo(403);
    var created = client.post("manager", "/api/directory/teams/payments/overrides", Map.of("person", "manager",
        "from", "2026-01-13T00:00:00Z", "until", "2026-01-14T00:00:00Z", "reason", "Lee is ill"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(onCall("payments", "2026-01-13T12:00:00Z")).isEqualTo("manager");
    assertThat(onCall("payments", "2026-01-14T00:00:00Z")).isEqualTo("payments-lead");
    assertThat(client.get("responder", "/api/oncall?service=teleport").status()).isEqualTo(404);
  }

  @Test
  void theOwningTeamOfAServiceIsTheDirectoryTeamThatListsItElseTheServicesOwnGroup() {
    assertThat(directory.owningTeam("payments")).hasValue("payments");
    assertThat(directory.owningTeamGroup("payments")).isEqualTo("team-payments");
    assertThat(directory.owningTeamGroup("search")).isEqualTo("team-search");
    assertThat(directory.owningTeam("reporting")).isEmpty();
    assertThat(directory.owningTeamGroup("reporting")).as("no team lists it").isEqualTo("team-reporting");
    assertThat(identity.createGroupQuery().groupId("team-reporting").count()).as("created for the catalog").isOne();
  }

  @Test
  void editsSyncPeopleAndTeamsToCamunda() {
    assertThat(identity.createUserQuery().userId("payments-lead").memberOfGroup("team-payments").count()).isOne();
    LifecycleClient.Response person = put("manager", "/api/directory/people/sre-kim",
        Map.of("name", "Kim Sre", "email", "kim@firebreak.example", "phone", "+82-10-1111-2222"));
    assertThat(person.status()).isEqualTo(200);
    LifecycleClient.Response team = put("manager", "/api/directory/teams/checkout", Map.of("name", "Checkout", "tier", 1,
        "services", List.of("checkout"), "members", List.of("sre-kim"), "rotationHours", 24,
        "rotationStart", "2026-01-05T00:00:00Z"));
    assertThat(team.status()).as(team.body().toString()).isEqualTo(200);
    assertThat(identity.createUserQuery().userId("sre-kim").singleResult().getEmail()).isEqualTo("kim@firebreak.example");
    assertThat(identity.createUserQuery().userId("sre-kim").memberOfGroup("team-checkout").count()).isOne();
    assertThat(onCall("checkout", "2026-03-01T10:00:00Z")).isEqualTo("sre-kim");

    assertThat(put("responder", "/api/directory/people/x", Map.of("name", "X", "email", "x@example.com")).status())
        .isEqualTo(403);
    LifecycleClient.Response bad = put("manager", "/api/directory/people/bad", Map.of("name", "", "email", "nope"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("errors").findValuesAsText("field")).contains("name", "email");
    LifecycleClient.Response unknownMember = put("manager", "/api/directory/teams/ghosts", Map.of("name", "Ghosts",
        "tier", 3, "services", List.of(), "members", List.of("nobody"), "rotationHours", 24,
        "rotationStart", "2026-01-05T00:00:00Z"));
    assertThat(unknownMember.status()).isEqualTo(400);
    assertThat(client.get(null, "/api/directory/people").status()).isEqualTo(401);
  }

  private String onCall(String service, String at) {
    LifecycleClient.Response response = client.get("responder", "/api/oncall?service=" + service + "&at=" + at);
    assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
    return response.body().path("person").path("id").asText();
  }

  private LifecycleClient.Response put(String user, String path, Map<String, Object> body) {
    return client.put(user, path, body);
  }
}
