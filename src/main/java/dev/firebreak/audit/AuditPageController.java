package dev.firebreak.audit;

import dev.firebreak.platform.config.FirebreakProperties;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The printable audit page of an incident ({@code /incidents/{key}/audit}), for the same readers as the API. */
@Controller
class AuditPageController {

  private final IncidentAudit audit;
  private final FirebreakProperties properties;

  AuditPageController(IncidentAudit audit, FirebreakProperties properties) {
    this.audit = audit;
    this.properties = properties;
  }

  @GetMapping("/incidents/{key}/audit")
  String page(@PathVariable String key, Authentication user, Model model) {
    AuditController.requireReader(user);
    Map<String, Object> evidence = audit.evidence(key);
    model.addAttribute("key", key);
    model.addAttribute("evidence", evidence);
    model.addAttribute("zone", properties.getZone());
    model.addAttribute("format", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(properties.getZone()));
    return "audit/incident";
  }
}
