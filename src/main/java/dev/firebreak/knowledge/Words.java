package dev.firebreak.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words of a search or of an incident's text: split at spaces, punctuation trimmed, lower case. */
final class Words {

  static final int MAX = 10;

  private Words() {
  }

  static List<String> of(String text) {
    List<String> words = new ArrayList<>();
    if (text == null) {
      return words;
    }
    for (String part : text.strip().split("\\s+")) {
      String word = part.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "").toLowerCase(Locale.ROOT);
      if (!word.isEmpty() && !words.contains(word) && words.size() < MAX) {
        words.add(word);
      }
    }
    return words;
  }

  /** Only letters and digits (for PostgreSQL's websearch syntax, which then never meets an operator). */
  static List<String> plain(String text, int max) {
    List<String> words = new ArrayList<>();
    for (String word : of(text)) {
      String plain = word.replaceAll("[^\\p{L}\\p{N}]+", "");
      if (plain.codePointCount(0, plain.length()) >= 2 && !words.contains(plain) && words.size() < max) {
        words.add(plain);
      }
    }
    return words;
  }

  /** A LIKE pattern for the word anywhere, its wildcards escaped (ESCAPE '\'). */
  static String contains(String word) {
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
