package dev.firebreak.directory;

import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.time.EngineClock;
import dev.firebreak.platform.web.ApiProblems;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** /api/directory (everyone reads, incident managers edit) and /api/oncall. */
@RestController
class DirectoryController {

  private final Directory directory;
  private final EngineClock clock;

  DirectoryController(Directory directory, EngineClock clock) {
    this.clock = clock;
    this.directory = directory;
  }

  @GetMapping("/api/directory/people")
  List<Directory.Person> people() {
    return directory.people();
  }

  @PutMapping("/api/directory/people/{id}")
  ResponseEntity<?> savePerson(@PathVariable String id, @RequestBody Directory.Person person, Authentication user) {
    if (!mayEdit(user)) {
      return forbidden();
    }
    if (!Groups.of(user).contains(Groups.CAMUNDA_ADMIN) && directory.isAdministrator(id)) {
      return ApiProblems.problem(HttpStatus.FORBIDDEN, "Not allowed",
          "'" + id + "' is an administrator; only administrators edit administrators' directory entries");
    }
    return ResponseEntity.ok(directory.savePerson(new Directory.Person(id, person.name(), person.email(),
        person.phone(), person.slackUser())));
  }

  @GetMapping("/api/directory/teams")
  List<Directory.Team> teams() {
    return directory.teams();
  }

  @PutMapping("/api/directory/teams/{id}")
  ResponseEntity<?> saveTeam(@PathVariable String id, @RequestBody Directory.Team team, Authentication user) {
    if (!mayEdit(user)) {
      return forbidden();
    }
    return ResponseEntity.ok(directory.saveTeam(new Directory.Team(id, team.name(), team.tier(), team.services(),
        team.members(), team.rotationHours(), team.rotationStart())));
  }

  record OverrideRequest(String person, Instant from, Instant until, String reason) {
  }

  @PostMapping("/api/directory/teams/{id}/overrides")
  ResponseEntity<?> override(@PathVariable String id, @RequestBody OverrideRequest request, Authentication user) {
    if (!mayEdit(user)) {
      return forbidden();
    }
    directory.addOverride(id, request.person(), request.from(), request.until(), request.reason());
    return ResponseEntity.status(201).body(Map.of("team", id, "person", request.person()));
  }

  @GetMapping("/api/oncall")
  ResponseEntity<?> onCall(@RequestParam String service, @RequestParam(required = false) Instant at) {
    Instant moment = at == null ? clock.now() : at;
    return directory.onCall(service, moment)
        .<ResponseEntity<?>>map(on -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("service", on.service());
          body.put("team", on.team());
          body.put("at", moment.toString());
          body.put("person", on.person());
          body.put("until", on.until().toString());
          body.put("override", on.override());
          return ResponseEntity.ok(body);
        })
        .orElseGet(() -> ApiProblems.problem(HttpStatus.NOT_FOUND, "Nobody on call",
            "No team with members owns the service '" + service + "'"));
  }

  private static boolean mayEdit(Authentication user) {
    return user != null && user.getAuthorities().stream().map(Object::toString)
        .anyMatch(a -> a.equals("GROUP_" + Groups.INCIDENT_MANAGERS) || a.equals("GROUP_" + Groups.CAMUNDA_ADMIN));
  }

  private static ResponseEntity<ProblemDetail> forbidden() {
    return ApiProblems.problem(HttpStatus.FORBIDDEN, "Not allowed", "Only incident managers edit the contact directory");
  }
}
