package dev.firebreak.statuspage;

import dev.firebreak.platform.time.EngineClock;

import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.web.ApiProblems;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/maintenance: every Firebreak user reads; communications and incident managers (and
 * administrators) schedule, update and cancel. The answers are internal (author, delivery counts);
 * the public sees maintenance only through /status.
 */
@RestController
class MaintenanceController {

  static final Set<String> EDITORS = Set.of(Groups.COMMUNICATIONS, Groups.INCIDENT_MANAGERS, Groups.CAMUNDA_ADMIN);

  private final Maintenances maintenances;
  private final StatusPage statusPage;
  private final EngineClock clock;

  MaintenanceController(Maintenances maintenances, StatusPage statusPage, EngineClock clock) {
    this.clock = clock;
    this.maintenances = maintenances;
    this.statusPage = statusPage;
  }

  record UpdateRequest(String message) {
  }

  @PostMapping("/api/maintenance")
  ResponseEntity<?> schedule(@RequestBody Maintenances.Request request, Authentication user) {
    if (!mayEdit(user)) {
      return forbidden();
    }
    Maintenances.Maintenance maintenance = maintenances.schedule(request, user.getName());
    return ResponseEntity.created(URI.create("/api/maintenance/" + maintenance.id())).body(view(maintenance));
  }

  @GetMapping("/api/maintenance")
  List<Map<String, Object>> list() {
    return maintenances.list().stream().map(this::view).toList();
  }

  @GetMapping("/api/maintenance/{id}")
  Map<String, Object> get(@PathVariable long id) {
    return view(maintenances.require(id));
  }

  @PostMapping("/api/maintenance/{id}/updates")
  ResponseEntity<?> update(@PathVariable long id, @RequestBody UpdateRequest request, Authentication user) {
    if (!mayEdit(user)) {
      return forbidden();
    }
    return ResponseEntity.ok(view(maintenances.update(id, request.message())));
  }

  @PostMapping("/api/maintenance/{id}/cancel")
  ResponseEntity<?> cancel(@PathVariable long id, Authentication user) {
    if (!mayEdit(user)) {
      return forbidden();
    }
    return ResponseEntity.ok(view(maintenances.cancel(id)));
  }

  @DeleteMapping("/api/maintenance/{id}")
  ResponseEntity<?> delete(@PathVariable long id, Authentication user) {
    return cancel(id, user);
  }

  @ExceptionHandler(Maintenances.MaintenanceConflictException.class)
  ResponseEntity<ProblemDetail> conflict(Maintenances.MaintenanceConflictException e) {
    return ApiProblems.problem(HttpStatus.CONFLICT, "Maintenance cannot change", e.getMessage());
  }

  private Map<String, Object> view(Maintenances.Maintenance maintenance) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", maintenance.id());
    body.put("publicId", maintenance.publicId());
    body.put("title", maintenance.title());
    body.put("description", maintenance.description());
    body.put("status", maintenance.status(clock.now()).code());
    body.put("services", maintenance.services());
    body.put("components", maintenances.componentNames(maintenance));
    body.put("scheduledFor", maintenance.scheduledFor().toString());
    body.put("scheduledUntil", maintenance.scheduledUntil().toString());
    body.put("zone", statusPage.zone());
    body.put("cancelledAt", maintenance.cancelledAt() == null ? null : maintenance.cancelledAt().toString());
    body.put("createdBy", maintenance.createdBy());
    body.put("createdAt", maintenance.createdAt().toString());
    body.put("updates", maintenance.updates().stream().map(u -> Map.of("status", u.phase(), "message", u.message(),
        "createdAt", u.publishedAt().toString())).toList());
    body.put("subscriberDeliveries", maintenances.deliveries(maintenance.id()));
    return body;
  }

  private static boolean mayEdit(Authentication user) {
    return user != null && user.getAuthorities().stream().map(Object::toString)
        .anyMatch(a -> a.startsWith("GROUP_") && EDITORS.contains(a.substring("GROUP_".length())));
  }

  private static ResponseEntity<ProblemDetail> forbidden() {
    return ApiProblems.problem(HttpStatus.FORBIDDEN, "Not allowed",
        "Only communications and incident managers schedule, update or cancel maintenance");
  }
}
