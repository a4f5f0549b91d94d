package dev.firebreak.lifecycle;

import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.web.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Lifecycle changes: {@code POST /api/lifecycle/changes} (multipart: one or more {@code files} parts,
 * .bpmn, .dmn or .form, and a {@code summary}) by process owners and administrators; reading them by
 * those and auditors. Everyone else gets 403.
 */
@RestController
@RequestMapping("/api/lifecycle/changes")
class LifecycleChangeController {

  private static final Set<String> PROPOSERS = Set.of(Groups.PROCESS_OWNERS, Groups.CAMUNDA_ADMIN);
  private static final Set<String> READERS = Set.of(Groups.PROCESS_OWNERS, Groups.CAMUNDA_ADMIN, Groups.AUDITORS);

  private final LifecycleChanges changes;

  LifecycleChangeController(LifecycleChanges changes) {
    this.changes = changes;
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Map<String, Object>> propose(@RequestParam(name = "files", required = false) List<MultipartFile> files,
      @RequestParam(name = "summary", required = false) String summary, Authentication user) {
    requireRole(user, PROPOSERS, "Only process owners and administrators propose lifecycle changes");
    Map<String, byte[]> proposed = new LinkedHashMap<>();
    List<InvalidInputException.FieldProblem> unnamed = new java.util.ArrayList<>();
    for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
      String name = file.getOriginalFilename();
      if (name == null || name.isBlank()) {
        unnamed.add(new InvalidInputException.FieldProblem("files", "need a file name (incident.bpmn, …)"));
        continue;
      }
      try {
        proposed.put(name, file.getBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!unnamed.isEmpty()) {
      throw new InvalidInputException(unnamed);
    }
    LifecycleChange change = changes.propose(proposed, summary, user.getName());
    return ResponseEntity.status(HttpStatus.CREATED).body(view(change));
  }

  @GetMapping
  Map<String, Object> list(Authentication user) {
    requireRole(user, READERS, "Only process owners, administrators and auditors read lifecycle changes");
    return Map.of("changes", changes.list(200).stream().map(LifecycleChangeController::view).toList());
  }

  @GetMapping("/{id}")
  Map<String, Object> one(@PathVariable String id, Authentication user) {
    requireRole(user, READERS, "Only process owners, administrators and auditors read lifecycle changes");
    return view(changes.require(id));
  }

  private static Map<String, Object> view(LifecycleChange change) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", change.id());
    body.put("status", change.status());
    body.put("summary", change.summary());
    body.put("files", change.files());
    body.put("proposedBy", change.proposedBy());
    body.put("proposedAt", change.proposedAt());
    body.put("checkPassed", change.checkPassed());
    body.put("problems", change.problems());
    body.put("decisionDiff", change.decisionDiff());
    body.put("backtest", change.backtest());
    body.put("decidedBy", change.decidedBy());
    body.put("decisionReason", change.decisionReason());
    body.put("deploymentId", change.deploymentId());
    body.put("processInstanceId", change.processInstanceId());
    body.put("timeline", change.timeline());
    return body;
  }

  private static void requireRole(Authentication user, Set<String> groups, String refusal) {
    boolean allowed = user != null && user.getAuthorities().stream().map(Object::toString)
        .anyMatch(a -> a.startsWith("GROUP_") && groups.contains(a.substring("GROUP_".length())));
    if (!allowed) {
      throw new AuthorizationException(refusal);
    }
  }
}
