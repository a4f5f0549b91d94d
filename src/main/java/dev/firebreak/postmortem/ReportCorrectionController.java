package dev.firebreak.postmortem;

import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.web.ApiProblems;
import dev.firebreak.platform.web.InvalidInputException;
import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Corrections of a published report (docs/report.md): proposed through the API or the report page's
 * form by someone who worked the incident; decided in Tasklist (*Approve report correction*).
 */
@Controller
class ReportCorrectionController {

  /** What a proposal says. */
  record Proposal(String section, String text, String reason) {
  }

  private final ReportCorrections corrections;
  private final Incidents incidents;

  ReportCorrectionController(ReportCorrections corrections, Incidents incidents) {
    this.corrections = corrections;
    this.incidents = incidents;
  }

  @PostMapping("/api/incidents/{key}/report/corrections")
  @ResponseBody
  ResponseEntity<?> propose(@PathVariable String key, @RequestBody(required = false) Proposal proposal,
      Authentication user) {
    incidents.require(key);
    requireMayPropose(key, user);
    if (proposal == null) {
      throw new InvalidInputException(List.of(new InvalidInputException.FieldProblem("body",
          "is required: {\"section\", \"text\", \"reason\"}")));
    }
    try {
      ReportCorrections.Correction proposed = corrections.propose(key, proposal.section(), proposal.text(),
          proposal.reason(), user.getName());
      return ResponseEntity.created(URI.create("/api/incidents/" + key + "/report/corrections/" + proposed.id()))
          .body(proposed);
    } catch (ReportCorrections.NoReport e) {
      return ApiProblems.problem(HttpStatus.CONFLICT, "No report yet", e.getMessage());
    }
  }

  @GetMapping("/api/incidents/{key}/report/corrections")
  @ResponseBody
  List<ReportCorrections.Correction> list(@PathVariable String key) {
    return corrections.of(key);
  }

  /** The report page's form: the same, then back to the report with what happened. */
  @PostMapping("/incidents/{key}/report/corrections")
  String proposeFromPage(@PathVariable String key, @RequestParam(required = false) String section,
      @RequestParam(required = false) String text, @RequestParam(required = false) String reason,
      Authentication user, RedirectAttributes redirect) {
    String back = "redirect:/api/incidents/" + key + "/report?format=html";
    try {
      ResponseEntity<?> answer = propose(key, new Proposal(section, text, reason), user);
      if (answer.getStatusCode().is2xxSuccessful()) {
        redirect.addFlashAttribute("correctionProposed", true);
      } else if (answer.getBody() instanceof org.springframework.http.ProblemDetail problem) {
        redirect.addFlashAttribute("correctionError", problem.getDetail());
      }
    } catch (AuthorizationException e) {
      redirect.addFlashAttribute("correctionError", e.getMessage());
    } catch (InvalidInputException e) {
      redirect.addFlashAttribute("correctionError", String.join("; ", e.problems().stream()
          .map(p -> p.field() + " " + p.message()).toList()));
    }
    return back;
  }

  private void requireMayPropose(String key, Authentication user) {
    if (!corrections.mayPropose(key, user)) {
      throw new AuthorizationException((user == null ? "Nobody" : user.getName())
          + " may not propose a correction of the report of " + key + ": who worked the incident does"
          + " (responders, incident managers, administrators, its commander and its post-mortem's owner)");
    }
  }
}
