package dev.firebreak.platform.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, point 6: every message bundle speaks both languages. For every bundle under
 * src/main/resources (messages, notices, timeline, …) each key of the English file is in the Korean
 * one and the other way round, and both say the same placeholders, so no Korean phrase drops an
 * argument. timeline/models is the exception: its English is the models themselves ({@link ModelWordsTest}).
 */
class BundlesTest {

  static final Path RESOURCES = Path.of("src/main/resources");
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9]+)}");

  static List<Path> englishBundles() throws IOException {
    try (Stream<Path> files = Files.walk(RESOURCES)) {
      return files.filter(p -> p.toString().endsWith(".properties"))
          .filter(p -> !p.getFileName().toString().matches(".*_[a-z]{2}\\.properties"))
          .filter(p -> !p.getFileName().toString().startsWith("application"))
          .filter(p -> !p.endsWith(Path.of("timeline/models.properties")))
          .sorted().toList();
    }
  }

  static Properties load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    return properties;
  }

  @Test
  void everyBundleHasTheSameKeysInEnglishAndKorean() throws IOException {
    List<Path> bundles = englishBundles();
    assertThat(bundles).extracting(p -> RESOURCES.relativize(p).toString().replace('\\', '/'))
        .contains("messages.properties", "notices/notices.properties", "timeline/timeline.properties");
    List<String> problems = new ArrayList<>();
    for (Path english : bundles) {
      Path korean = english.resolveSibling(english.getFileName().toString().replace(".properties", "_ko.properties"));
      if (!Files.exists(korean)) {
        problems.add(english + ": no Korean bundle " + korean.getFileName());
        continue;
      }
      Properties en = load(english);
      Properties ko = load(korean);
      for (String key : en.stringPropertyNames()) {
        if (!ko.containsKey(key)) {
          problems.add(korean + ": missing " + key);
        } else if (!placeholders(en.getProperty(key)).equals(placeholders(ko.getProperty(key)))) {
          problems.add(korean + ": " + key + " says " + placeholders(ko.getProperty(key)) + ", the English "
              + placeholders(en.getProperty(key)));
        }
      }
      for (String key : ko.stringPropertyNames()) {
        if (!en.containsKey(key)) {
          problems.add(english + ": missing " + key + " (only in Korean)");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
