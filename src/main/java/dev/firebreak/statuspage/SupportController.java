package dev.firebreak.statuspage;

import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.identity.Groups;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The support centre's page ({@code /support}, issue 17.3): the latest briefing of each incident with
 * a public notice — what customers were told, what to tell callers, the next update, the status page
 * link — for the support group, communications, incident managers, auditors and administrators.
 */
@Controller
class SupportController {

  static final Set<String> READERS = Set.of(Groups.SUPPORT, Groups.COMMUNICATIONS, Groups.INCIDENT_MANAGERS,
      Groups.AUDITORS, Groups.CAMUNDA_ADMIN);

  private final SupportBriefings briefings;
  private final FirebreakProperties properties;

  SupportController(SupportBriefings briefings, FirebreakProperties properties) {
    this.briefings = briefings;
    this.properties = properties;
  }

  @GetMapping("/support")
  String page(Authentication user, Model model) {
    List<String> groups = Groups.of(user);
    if (groups.stream().noneMatch(READERS::contains)) {
      throw new AuthorizationException((user == null ? "Nobody" : user.getName())
          + " may not read the support briefings: the support centre, communications, incident managers,"
          + " auditors and administrators do");
    }
    List<SupportBriefings.Briefing> all = briefings.latest();
    model.addAttribute("open", all.stream().filter(SupportBriefings.Briefing::open).toList());
    model.addAttribute("past", all.stream().filter(b -> !b.open()).toList());
    model.addAttribute("format", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(properties.getZone()));
    return "support/briefings";
  }
}
