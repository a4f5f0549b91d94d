package dev.firebreak.platform.i18n;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Which language a page speaks: the language a person chose with the switch ({@code ?lang=ko},
 * kept in a cookie), else on the public status page the browser's {@code Accept-Language}, else
 * {@code firebreak.notify.locale}. Only English and Korean exist.
 */
@Configuration(proxyBeanMethods = false)
public class Languages implements WebMvcConfigurer {

  public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.KOREAN);
  static final String COOKIE = "firebreak-lang";
  static final String PARAM = "lang";

  /** The supported language nearest to the given one (English when none is). */
  public static Locale supported(Locale locale) {
    return locale != null && Locale.KOREAN.getLanguage().equals(locale.getLanguage()) ? Locale.KOREAN : Locale.ENGLISH;
  }

  static boolean isSupported(Locale locale) {
    return locale != null && SUPPORTED.stream().anyMatch(s -> s.getLanguage().equals(locale.getLanguage()));
  }

  @Bean
  LocaleResolver localeResolver(@Value("${firebreak.notify.locale:en}") String configured) {
    return new Resolver(supported(Locale.forLanguageTag(configured)));
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName(PARAM);
    change.setIgnoreInvalidLocale(true);
    // never on the API: reading a parameter would consume a form body a webhook signs (Slack)
    registry.addInterceptor(change).excludePathPatterns("/api/**", "/engine-rest/**");
  }

  static final class Resolver implements LocaleResolver {

    private final Locale configured;

    Resolver(Locale configured) {
      this.configured = configured;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
      Object chosen = request.getAttribute(COOKIE);
      if (chosen instanceof Locale locale) {
        return locale;
      }
      if (request.getCookies() != null) {
        for (Cookie cookie : request.getCookies()) {
          if (COOKIE.equals(cookie.getName())) {
            Locale locale = Locale.forLanguageTag(cookie.getValue());
            if (isSupported(locale)) {
              return supported(locale);
            }
          }
        }
      }
      String accept = request.getHeader("Accept-Language");
      String path = request.getRequestURI().substring(request.getContextPath().length());
      if ((path.equals("/status") || path.startsWith("/status/")) && accept != null && !accept.isBlank()) {
        try {
          Locale best = Locale.lookup(Locale.LanguageRange.parse(accept), SUPPORTED);
          if (best != null) {
            return best;
          }
        } catch (IllegalArgumentException malformed) {
          return configured;
        }
      }
      return configured;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
      if (!isSupported(locale) || response == null) {
        return;
      }
      Locale chosen = supported(locale);
      request.setAttribute(COOKIE, chosen);
      Cookie cookie = new Cookie(COOKIE, chosen.getLanguage());
      cookie.setPath("/");
      cookie.setMaxAge(60 * 60 * 24 * 365);
      cookie.setHttpOnly(true);
      cookie.setAttribute("SameSite", "Lax");
      response.addCookie(cookie);
    }
  }
}
