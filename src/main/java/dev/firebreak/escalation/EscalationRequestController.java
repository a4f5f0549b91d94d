package dev.firebreak.escalation;

import dev.firebreak.platform.web.ApiProblems;
import dev.firebreak.platform.web.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Escalation by hand: {@code POST /api/incidents/{key}/escalation} (JSON) and the form on the
 * situation board's incident page.
 */
@Controller
class EscalationRequestController {

  private final EscalationRequests requests;

  EscalationRequestController(EscalationRequests requests) {
    this.requests = requests;
  }

  record EscalationRequest(Integer level, String reason) {
  }

  @PostMapping("/api/incidents/{key}/escalation")
  @ResponseBody
  ResponseEntity<Map<String, Object>> request(@PathVariable String key,
      @RequestBody(required = false) EscalationRequest request, Authentication user) {
    Integer level = request == null ? null : request.level();
    requests.ask(key, level, request == null ? null : request.reason(), user);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("incidentKey", key);
    body.put("requestedLevel", level);
    body.put("approvalRequired", EscalationLevels.needsApproval(level));
    return ResponseEntity.accepted().body(body);
  }

  @PostMapping("/incidents/{key}/escalation")
  String requestFromBoard(@PathVariable String key, @RequestParam(required = false) Integer level,
      @RequestParam(required = false) String reason, Authentication user, RedirectAttributes redirect) {
    try {
      requests.ask(key, level, reason, user);
      redirect.addFlashAttribute("escalationMessage", "Escalation to level " + level + " asked for"
          + (EscalationLevels.needsApproval(level) ? "; it waits for an incident manager's approval." : "."));
    } catch (InvalidInputException e) {
      redirect.addFlashAttribute("escalationError", e.problems().stream()
          .map(p -> p.field() + " " + p.message()).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
    } catch (EscalationRequests.NotAllowed | EscalationRequests.NotOpen e) {
      redirect.addFlashAttribute("escalationError", e.getMessage());
    }
    return "redirect:/incidents/" + key;
  }

  @ExceptionHandler(EscalationRequests.NotOpen.class)
  @ResponseBody
  ResponseEntity<ProblemDetail> notOpen(EscalationRequests.NotOpen e) {
    return ApiProblems.problem(HttpStatus.CONFLICT, "Incident not open", e.getMessage());
  }

  @ExceptionHandler(EscalationRequests.NotAllowed.class)
  @ResponseBody
  ResponseEntity<ProblemDetail> notAllowed(EscalationRequests.NotAllowed e) {
    return ApiProblems.problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
  }
}
