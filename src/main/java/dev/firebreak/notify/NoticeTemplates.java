package dev.firebreak.notify;

import dev.firebreak.incident.IncidentType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The public notice templates per incident type and phase (classpath notices/notices*.properties),
 * in English and Korean. Communications edits the draft before it goes out.
 */
@Component
public class NoticeTemplates {

  private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
  private final NotifyProperties properties;

  NoticeTemplates(NotifyProperties properties) {
    this.properties = properties;
    messages.setBasename("notices/notices");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
  }

  public String render(IncidentType type, NoticePhase phase, String component, Instant startedAt, ZoneId zone,
      Locale locale) {
    String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", locale).format(startedAt.atZone(zone));
    return messages.getMessage("notice." + type.code() + "." + phase.code(), new Object[] {component, time}, locale);
  }

  /**
   * The last public notice of an incident triage dismissed as a false positive after it was made
   * public (notices*.properties notice.dismissed, {0} = affected component).
   */
  public String dismissal(String component, Locale locale) {
    return messages.getMessage("notice.dismissed", new Object[] {component}, locale);
  }

  /**
   * The public title of an incident of this type (notices*.properties title.&lt;type&gt;, e.g.
   * "Payments unavailable"): what the status page, feed and subscribers call the incident, never its
   * internal title.
   */
  public String title(IncidentType type, String component, Locale locale) {
    return messages.getMessage("title." + type.code(), new Object[] {component}, locale);
  }

  /**
   * A scheduled-maintenance notice (event: scheduled, update, cancelled, completed) and its e-mail
   * subject, from the maintenance.* keys of the same bundles.
   */
  public MaintenanceNotice renderMaintenance(String event, String title, String components, Instant from,
      Instant until, ZoneId zone, Locale locale) {
    DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", locale);
    Object[] args = {components, format.format(from.atZone(zone)), format.format(until.atZone(zone))};
    return new MaintenanceNotice(messages.getMessage("maintenance.subject." + event, new Object[] {title}, locale),
        messages.getMessage("maintenance." + event, args, locale));
  }

  /** Subject and first paragraph of a maintenance notice. */
  public record MaintenanceNotice(String subject, String text) {
  }

  public Locale defaultLocale() {
    return Locale.forLanguageTag(properties.getLocale());
  }
}
