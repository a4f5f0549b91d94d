package dev.firebreak.knowledge;

import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.Severity;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.web.InvalidInputException;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /knowledge}: the knowledge base's search page (the same search as the API). */
@Controller
class KnowledgePageController {

  private final KnowledgeBase knowledge;
  private final FirebreakProperties properties;

  KnowledgePageController(KnowledgeBase knowledge, FirebreakProperties properties) {
    this.knowledge = knowledge;
    this.properties = properties;
  }

  /** The form's values as given, to show them again. */
  record Form(String q, String service, String type, String severity, String from, String to) {
  }

  @GetMapping("/knowledge")
  String page(@RequestParam(required = false) String q, @RequestParam(required = false) String service,
      @RequestParam(required = false) String type, @RequestParam(required = false) String severity,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
    model.addAttribute("form", new Form(q, service, type, severity, from, to));
    model.addAttribute("services", knowledge.services());
    model.addAttribute("types", Arrays.asList(IncidentType.values()));
    model.addAttribute("severities", Arrays.asList(Severity.values()));
    model.addAttribute("format", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(properties.getZone()));
    try {
      KnowledgeBase.Answer answer = knowledge.answer(KnowledgeRequest.query(q, service, type, severity, from, to, null,
          properties.getZone()));
      model.addAttribute("hits", answer.hits());
      model.addAttribute("degraded", answer.degraded());
    } catch (InvalidInputException e) {
      model.addAttribute("hits", List.of());
      model.addAttribute("problems", e.problems());
    }
    return "knowledge/search";
  }
}
