package dev.firebreak.knowledge;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/**
 * A hit's snippet: the part of the report around the first searched word, as HTML — everything
 * escaped, each occurrence of a word wrapped in {@code <mark>} — the same on every database.
 */
final class Snippets {

  static final int BEFORE = 60;
  static final int LENGTH = 220;

  private Snippets() {
  }

  static String of(KnowledgeEntry entry, List<String> words) {
    String[] texts = {entry.summary(), entry.cause(), entry.resolution(), entry.lessons(), plain(entry.fullText()),
        entry.title()};
    if (words.isEmpty()) {
      return escape(cut(firstText(texts), 0));
    }
    Pattern any = Pattern.compile(words.stream().map(Pattern::quote).collect(Collectors.joining("|")),
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    // the text with the most of the words (the earlier one of equals), around its first match
    String best = null;
    int bestStart = 0;
    long most = 0;
    for (String text : texts) {
      if (text == null || text.isBlank()) {
        continue;
      }
      String flat = text.strip().replaceAll("\\s+", " ");
      Matcher m = any.matcher(flat);
      long distinct = m.results().map(r -> r.group().toLowerCase(Locale.ROOT)).distinct().count();
      if (distinct > most) {
        Matcher first = any.matcher(flat);
        first.find();
        best = flat;
        bestStart = Math.max(0, first.start() - BEFORE);
        most = distinct;
      }
    }
    if (best != null) {
      return mark(cut(best, bestStart), any);
    }
    return escape(cut(firstText(texts), 0));
  }

  private static String firstText(String[] texts) {
    for (String text : texts) {
      if (text != null && !text.isBlank()) {
        return text.strip().replaceAll("\\s+", " ");
      }
    }
    return "";
  }

  /**
   * The report without its first heading (the key and title, shown beside the snippet) and without
   * Markdown's marks (headings, emphasis, list bullets, check boxes).
   */
  private static String plain(String markdown) {
    return markdown == null ? null : markdown.replaceFirst("\\A\\s*# [^\n]*\n", "")
        .replaceAll("(?m)^#+\\s*|\\*\\*|`|^- \\[[ xX]\\] |^- ", "");
  }

  private static String cut(String text, int start) {
    int end = Math.min(text.length(), start + LENGTH);
    String part = text.substring(start, end);
    return (start > 0 ? "…" : "") + part + (end < text.length() ? "…" : "");
  }

  private static String mark(String text, Pattern any) {
    StringBuilder html = new StringBuilder();
    Matcher m = any.matcher(text);
    int at = 0;
    while (m.find()) {
      html.append(escape(text.substring(at, m.start()))).append("<mark>").append(escape(m.group())).append("</mark>");
      at = m.end();
    }
    return html.append(escape(text.substring(at))).toString();
  }

  private static String escape(String text) {
    return HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
