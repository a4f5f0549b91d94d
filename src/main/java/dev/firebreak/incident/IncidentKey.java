package dev.firebreak.incident;

import java.util.regex.Pattern;

/** Incident keys: INC-YYYY-NNNN, numbered per year (a fifth digit appears after 9999). */
public final class IncidentKey {

  public static final Pattern PATTERN = Pattern.compile("INC-\\d{4}-\\d{4,}");

  private IncidentKey() {
  }

  public static String format(int year, int number) {
    return String.format("INC-%04d-%04d", year, number);
  }

  public static boolean isValid(String key) {
    return key != null && PATTERN.matcher(key).matches();
  }
}
