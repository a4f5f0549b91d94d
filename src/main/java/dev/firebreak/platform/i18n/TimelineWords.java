package dev.firebreak.platform.i18n;

import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The timeline's own words (classpath timeline/timeline*.properties) in {@code firebreak.notify.locale}:
 * what Firebreak itself writes on an incident's timeline (stages, the declaration, escalations,
 * pages, acknowledgements, decisions). Placeholders {0}, {1}, … are replaced as they are, without
 * {@link java.text.MessageFormat}'s number formatting or quoting rules, so the English words stay
 * exactly what they were.
 */
@Component
public class TimelineWords {

  private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
  private final Locale locale;

  public TimelineWords(@Value("${firebreak.notify.locale:en}") String locale) {
    this.locale = Languages.supported(Locale.forLanguageTag(locale));
    messages.setBasename("timeline/timeline");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    messages.setAlwaysUseMessageFormat(false);
  }

  /** The configured language (en when the setting is not a supported one). */
  public Locale locale() {
    return locale;
  }

  /** The phrase {@code code} with {0}, {1}, … replaced by the arguments' text. */
  public String get(String code, Object... args) {
    String template = messages.getMessage(code, null, code, locale);
    StringBuilder text = new StringBuilder(template.length() + 32);
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      int close = c == '{' ? template.indexOf('}', i) : -1;
      if (close > i + 1 && template.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
        int index = Integer.parseInt(template.substring(i + 1, close));
        text.append(index < args.length ? String.valueOf(args[index]) : "");
        i = close;
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }
}
