package dev.firebreak.postmortem;

import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.postmortem.IncidentReport.ActionItemState;
import dev.firebreak.postmortem.IncidentReport.Entry;
import dev.firebreak.postmortem.IncidentReport.Fact;
import dev.firebreak.postmortem.IncidentReport.Section;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * The report's renderings (docs/report.md). Markdown: the sections in order, what people wrote kept
 * as Markdown but with every {@code <} escaped, so no HTML passes through a Markdown viewer either.
 * HTML: the authors' Markdown through commonmark-java with raw HTML escaped and unsafe link schemes
 * (javascript:, data:) dropped; everything else goes through Thymeleaf's escaping (templates/postmortem/report.html).
 */
@Component("reportRendering")
public class ReportRendering {

  private static final Parser MARKDOWN = Parser.builder().build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private final FirebreakProperties properties;
  private final Texts texts;

  ReportRendering(FirebreakProperties properties, Texts texts) {
    this.properties = properties;
    this.texts = texts;
  }

  /** People's Markdown as safe HTML: a {@code <script>} in it is text. */
  public String html(String markdown) {
    return markdown == null || markdown.isBlank() ? "" : HTML.render(MARKDOWN.parse(markdown));
  }

  /** A label of the report in the report's own language (its headings are in it too). */
  public String label(IncidentReport report, String code, Object... args) {
    return texts.get(Locale.forLanguageTag(report.language() == null ? "en" : report.language()), code, args);
  }

  /** An entry's time in the configured zone. */
  public String time(Instant at) {
    return at == null ? "—" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").format(at.atZone(properties.getZone()));
  }

  public String markdown(IncidentReport report) {
    Locale in = Locale.forLanguageTag(report.language() == null ? "en" : report.language());
    StringBuilder md = new StringBuilder();
    md.append("# ").append(report.incidentKey()).append(" — ").append(inline(report.title())).append("\n\n");
    if (report.drill()) {
      md.append(texts.get(in, "report.drill")).append("\n\n");
    }
    md.append('_').append(texts.get(in, "report.revision", report.revision(), time(report.publishedAt()),
        texts.get(in, "report.reason." + report.reason()))).append("_\n\n");
    if (report.imported()) {
      md.append("> ").append(inline(texts.get(in, "report.imported", report.importedFrom() == null ? "—"
          : report.importedFrom()))).append("\n\n");
    }
    for (Section section : report.sections()) {
      md.append("## ").append(section.heading()).append("\n\n");
      for (IncidentReport.Correction c : corrected(report, section.id())) {
        md.append('_').append(inline(texts.get(in, "report.correction.note", c.revision(), c.reason()))).append("_\n\n");
      }
      for (Fact fact : section.facts()) {
        md.append("- **").append(fact.label()).append("**: ").append(inline(fact.value()));
        if (fact.url() != null) {
          md.append(" ([").append(texts.get(in, "report.page.source")).append("](")
              .append(fact.url().replace(" ", "%20").replace(")", "%29").replace("<", "%3C")).append("))");
        }
        md.append('\n');
      }
      if (!section.facts().isEmpty()) {
        md.append('\n');
      }
      if (section.text() != null && !section.text().isBlank()) {
        md.append(block(section.text())).append("\n\n");
      }
      entries(md, in, section.entries(), "internal", "report.entries.internal");
      entries(md, in, section.entries(), "public", "report.entries.public");
      entries(md, in, section.entries(), "note", "report.entries.note");
      entries(md, in, section.entries(), "stage", "report.entries.stage");
      for (ActionItemState item : section.actionItems()) {
        md.append("- [").append(item.done() ? 'x' : ' ').append("] ").append(inline(item.title())).append(" — ")
            .append(inline(item.owner() == null ? "—" : item.owner())).append(", ").append(texts.get(in, "report.due"))
            .append(' ').append(inline(item.dueDate() == null ? "—" : item.dueDate()));
        if (item.trackerKey() != null) {
          md.append(" (").append(item.trackerUrl() == null ? inline(item.trackerKey())
              : "[" + inline(item.trackerKey()) + "](" + item.trackerUrl() + ")").append(')');
        }
        md.append('\n');
      }
      if (!section.actionItems().isEmpty()) {
        md.append('\n');
      }
    }
    if (!report.corrections().isEmpty()) {
      md.append("## ").append(texts.get(in, "report.corrections")).append("\n\n");
      for (IncidentReport.Correction c : report.corrections()) {
        md.append("- ").append(inline(correctionLine(report, c))).append('\n');
      }
    }
    return md.toString().stripTrailing() + "\n";
  }

  /** The approved corrections of one section (the impact counts as the overview's). */
  public List<IncidentReport.Correction> corrected(IncidentReport report, String sectionId) {
    return report.corrections().stream().filter(c -> c.section().equals(sectionId)
        || "impact".equals(c.section()) && IncidentReport.OVERVIEW.equals(sectionId)).toList();
  }

  /** "Revision 3 (2026-12-01 10:00 KST): 5. Root cause corrected — why (proposed by …; approved by …: why)". */
  public String correctionLine(IncidentReport report, IncidentReport.Correction c) {
    return label(report, "report.correction.line", c.revision(), time(c.approvedAt()), c.heading(), c.reason(),
        c.proposedBy(), c.approvedBy() == null ? "—" : c.approvedBy(), c.approvalReason() == null ? "—" : c.approvalReason());
  }

  private void entries(StringBuilder md, Locale in, List<Entry> entries, String kind, String heading) {
    List<Entry> these = entries.stream().filter(e -> kind.equals(e.kind())).toList();
    if (these.isEmpty()) {
      return;
    }
    md.append("### ").append(texts.get(in, heading)).append("\n\n");
    for (Entry e : these) {
      md.append("- ").append(time(e.at())).append(" — ");
      if (e.channel() != null) {
        md.append(inline(e.channel())).append(" — ");
      }
      md.append(inline(e.text()));
      if (e.actor() != null && "note".equals(kind)) {
        md.append(" (").append(inline(e.actor())).append(')');
      }
      md.append('\n');
    }
    md.append('\n');
  }

  /** A value on one line, its HTML escaped (CommonMark's backslash escape). */
  static String inline(String text) {
    return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").replace("<", "\\<").trim();
  }

  /** People's Markdown kept as written, its HTML escaped. */
  static String block(String text) {
    return UNSAFE_LINK.matcher(text.trim().replace("<", "\\<")).replaceAll("](#");
  }

  /** A Markdown link to a script or data URL: its target is dropped. */
  private static final java.util.regex.Pattern UNSAFE_LINK =
      java.util.regex.Pattern.compile("(?i)\\]\\(\\s*(?:javascript|vbscript|data):[^)]*");
}
