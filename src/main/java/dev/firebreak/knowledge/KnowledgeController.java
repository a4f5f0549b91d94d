package dev.firebreak.knowledge;

import dev.firebreak.platform.config.FirebreakProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/knowledge?q=&service=&type=&severity=&from=&to=&limit=}: published incident reports,
 * ranked, each with a highlighted snippet. Every signed-in user may search (the reports are readable
 * by all of them).
 */
@RestController
class KnowledgeController {

  private final KnowledgeBase knowledge;
  private final FirebreakProperties properties;

  KnowledgeController(KnowledgeBase knowledge, FirebreakProperties properties) {
    this.knowledge = knowledge;
    this.properties = properties;
  }

  @GetMapping(path = "/api/knowledge", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> search(@RequestParam(required = false) String q, @RequestParam(required = false) String service,
      @RequestParam(required = false) String type, @RequestParam(required = false) String severity,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) Integer limit) {
    KnowledgeQuery query = KnowledgeRequest.query(q, service, type, severity, from, to, limit, properties.getZone());
    KnowledgeBase.Answer answer = knowledge.answer(query);
    List<KnowledgeBase.Hit> hits = answer.hits();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("q", query.text());
    body.put("words", query.words());
    body.put("service", query.service());
    body.put("type", query.type());
    body.put("severity", query.severity());
    body.put("from", query.from());
    body.put("to", query.to());
    body.put("engine", knowledge.engine());
    body.put("degraded", answer.degraded());
    body.put("count", hits.size());
    body.put("results", hits);
    return body;
  }
}
