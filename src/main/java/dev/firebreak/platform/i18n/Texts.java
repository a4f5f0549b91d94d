package dev.firebreak.platform.i18n;

import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Firebreak's own words (messages.properties, messages_ko.properties) in the configured language,
 * {@code firebreak.notify.locale} (en or ko): what code writes for people (report headings, the
 * board's ages) comes from here, never from string literals.
 */
@Component
public class Texts {

  private final MessageSource messages;
  private final Locale locale;

  public Texts(MessageSource messages, @Value("${firebreak.notify.locale:en}") String locale) {
    this.messages = messages;
    this.locale = Languages.supported(Locale.forLanguageTag(locale));
  }

  /** The configured language (en when the setting is not a supported one). */
  public Locale locale() {
    return locale;
  }

  public String get(String code, Object... args) {
    return get(locale, code, args);
  }

  public String get(Locale in, String code, Object... args) {
    return messages.getMessage(code, args.length == 0 ? null : args, code, in);
  }
}
