package dev.firebreak.platform.process;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A value set whose members are stored as short codes in variables, DMN tables and forms. */
public interface Coded {

  String code();

  String label();

  static <E extends Enum<E> & Coded> Optional<E> fromCode(Class<E> type, String code) {
    if (code == null) {
      return Optional.empty();
    }
    String wanted = code.trim();
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.code().equalsIgnoreCase(wanted)).findFirst();
  }

  static <E extends Enum<E> & Coded> List<String> codes(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Coded::code).toList();
  }
}
