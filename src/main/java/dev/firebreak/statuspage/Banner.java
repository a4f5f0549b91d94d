package dev.firebreak.statuspage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.security.Hashes;
import dev.firebreak.platform.i18n.Texts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * The outage banner for the product's own website and app: the active public notices (incidents
 * not yet resolved, maintenance in progress) of the chosen components, with the banner's own words
 * in the asked language. Built from the status page's snapshot — so while the database is away it
 * is the last good rendering, marked {@code stale} — and holding only what the page shows.
 */
@Service
class Banner {

  /** A rendering: the JSON body and its entity tag. */
  record Rendering(String body, String etag) {
  }

  private final StatusPage statusPage;
  private final Texts texts;
  private final ObjectMapper json;

  Banner(StatusPage statusPage, Texts texts, ObjectMapper json) {
    this.statusPage = statusPage;
    this.texts = texts;
    this.json = json;
  }

  /** The banner for these component ids (null or empty: every component) in this language. */
  Rendering render(String components, Locale asked) {
    Locale language = asked == null ? texts.locale() : asked;
    StatusPage.Shown shown = statusPage.shown();
    StatusPage.Snapshot snapshot = shown.snapshot();
    Set<String> chosen = new TreeSet<>();
    if (components != null) {
      Arrays.stream(components.split(",")).map(String::trim).map(String::toLowerCase).filter(c -> !c.isEmpty())
          .limit(50).forEach(chosen::add);
    }
    List<Map<String, Object>> notices = new ArrayList<>();
    ComponentStatus worst = ComponentStatus.OPERATIONAL;
    for (StatusPage.PublicIncident incident : snapshot.active()) {
      String id = StatusPage.slug(incident.component());
      if (!chosen.isEmpty() && !chosen.contains(id)) {
        continue;
      }
      StatusPage.Update latest = incident.updates().get(incident.updates().size() - 1);
      worst = worst.worst(incident.componentStatus());
      notices.add(notice(incident.id(), "incident", incident.title(),
          List.of(component(id, incident.component(), incident.componentStatus(), language)), incident.impact(),
          latest, incident.updatedAt(), language));
    }
    for (StatusPage.PublicMaintenance maintenance : snapshot.activeMaintenance()) {
      if (!maintenance.inProgress()) {
        continue;
      }
      List<Map<String, Object>> affected = maintenance.components().stream()
          .filter(name -> chosen.isEmpty() || chosen.contains(StatusPage.slug(name)))
          .map(name -> component(StatusPage.slug(name), name, ComponentStatus.UNDER_MAINTENANCE, language)).toList();
      if (affected.isEmpty()) {
        continue;
      }
      worst = worst.worst(ComponentStatus.UNDER_MAINTENANCE);
      StatusPage.Update latest = maintenance.updates().isEmpty()
          ? new StatusPage.Update("in_progress", "", maintenance.scheduledFor())
          : maintenance.updates().get(maintenance.updates().size() - 1);
      notices.add(notice(maintenance.id(), "maintenance", maintenance.title(), affected, "maintenance", latest,
          maintenance.updatedAt(), language));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status_page", statusPage.baseUrl() + "/status");
    body.put("language", language.getLanguage());
    body.put("components", List.copyOf(chosen));
    body.put("status", worst.code());
    body.put("generated_at", snapshot.generatedAt().toString());
    body.put("stale", shown.stale());
    body.put("words", Map.of("label", texts.get(language, "banner.label"),
        "dismiss", texts.get(language, "banner.dismiss"), "details", texts.get(language, "banner.details")));
    body.put("notices", notices);
    try {
      String text = json.writeValueAsString(body);
      // the tag follows what the banner shows, not when it was read: a poll that finds nothing new is a 304
      Map<String, Object> content = new LinkedHashMap<>(body);
      content.remove("generated_at");
      return new Rendering(text, etag(json.writeValueAsString(content)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> notice(String id, String kind, String title, List<Map<String, Object>> components,
      String impact, StatusPage.Update latest, java.time.Instant updatedAt, Locale language) {
    Map<String, Object> notice = new LinkedHashMap<>();
    notice.put("id", id);
    notice.put("kind", kind);
    notice.put("title", title);
    notice.put("impact", impact);
    notice.put("phase", latest.phase());
    notice.put("phase_label", texts.get(language, "phase." + latest.phase()));
    notice.put("message", latest.message());
    notice.put("updated_at", updatedAt.toString());
    notice.put("components", components);
    notice.put("url", statusPage.baseUrl() + "/status#" + id);
    return notice;
  }

  private Map<String, Object> component(String id, String name, ComponentStatus status, Locale language) {
    return Map.of("id", id, "name", name, "status", status.code(),
        "status_label", texts.get(language, "component." + status.code()));
  }

  static String etag(String text) {
    return "\"" + Hashes.sha256Hex(text).substring(0, 32) + "\"";
  }
}
