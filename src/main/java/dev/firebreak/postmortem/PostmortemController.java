package dev.firebreak.postmortem;

import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.web.ApiProblems;
import dev.firebreak.tracking.Tracking;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The post-mortem list page and marking an action item done in Firebreak, which is how items are
 * closed when no tracker is configured (with Jira, an item follows its issue: 409 here).
 * Who may: responders, incident managers, administrators, and the item's owner.
 */
@Controller
class PostmortemController {

  private final PostmortemList list;
  private final Postmortems postmortems;
  private final ActionItemFollowUp followUp;
  private final Incidents incidents;
  private final Tracking tracking;
  private final ReportRendering rendering;

  PostmortemController(PostmortemList list, Postmortems postmortems, ActionItemFollowUp followUp, Incidents incidents,
      Tracking tracking, ReportRendering rendering) {
    this.list = list;
    this.postmortems = postmortems;
    this.followUp = followUp;
    this.incidents = incidents;
    this.tracking = tracking;
    this.rendering = rendering;
  }

  @GetMapping("/postmortems")
  String page(Model model) {
    model.addAttribute("lines", list.lines());
    model.addAttribute("render", rendering);
    model.addAttribute("trackerConfigured", tracking.configured());
    return "postmortem/list";
  }

  @PostMapping("/api/incidents/{key}/action-items/{index}/done")
  @ResponseBody
  ResponseEntity<?> markDone(@PathVariable String key, @PathVariable int index, Authentication user) {
    incidents.require(key);
    var item = postmortems.actionItem(key, index);
    if (item.isEmpty() && !Groups.steersResponse(user)) {
      requireMayMark(user, new Postmortems.ActionItem(key, index, null, null, null, null, null));
    }
    if (item.isEmpty()) {
      return ApiProblems.problem(HttpStatus.NOT_FOUND, "Action item not found",
          "Incident " + key + " has no action item " + index + ".");
    }
    requireMayMark(user, item.get());
    if (tracking.configured()) {
      return ApiProblems.problem(HttpStatus.CONFLICT, "Done in the tracker",
          "A tracker is configured: action item " + index + " is done when its issue " + item.get().trackerKey()
              + " reaches done there.");
    }
    boolean changed = followUp.markedDone(item.get().trackerKey(), user.getName()).isPresent();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("incidentKey", key);
    body.put("index", index);
    body.put("status", Postmortems.DONE);
    body.put("changed", changed);
    return ResponseEntity.ok(body);
  }

  /** The page's button: the same, then back to the list with what happened. */
  @PostMapping("/postmortems/{key}/action-items/{index}/done")
  String markDoneFromPage(@PathVariable String key, @PathVariable int index, Authentication user,
      RedirectAttributes redirect) {
    ResponseEntity<?> answer;
    try {
      answer = markDone(key, index, user);
    } catch (AuthorizationException e) {
      redirect.addFlashAttribute("error", e.getMessage());
      return "redirect:/postmortems";
    }
    if (answer.getStatusCode().is2xxSuccessful()) {
      redirect.addFlashAttribute("message", key + " #" + index);
    } else if (answer.getBody() instanceof org.springframework.http.ProblemDetail problem) {
      redirect.addFlashAttribute("error", problem.getDetail());
    }
    return "redirect:/postmortems";
  }

  static void requireMayMark(Authentication user, Postmortems.ActionItem item) {
    boolean owner = user != null && user.getName().equals(item.owner());
    if (!owner && !Groups.steersResponse(user)) {
      throw new AuthorizationException((user == null ? "Nobody" : user.getName())
          + " may not mark action items done: their owner, responders, incident managers and administrators do");
    }
  }
}
