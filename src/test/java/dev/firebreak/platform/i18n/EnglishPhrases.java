package dev.firebreak.platform.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * The English a Korean timeline must not show: every phrase of the English timeline bundle (the literal
 * text between its placeholders, two words or more), every step name of the diagrams, every rule
 * annotation, output label and text output of the decision tables, every option label of the forms —
 * and, whatever its source, no run of three English words.
 */
public final class EnglishPhrases {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z0-9]+}");
  private static final Pattern TWO_WORDS = Pattern.compile("[A-Za-z]{2,}(?:[ ,;:'’-]+[A-Za-z]{2,})+");
  /** Three words in a row, separated by single spaces: no name (two words), address or id looks like this. */
  private static final Pattern THREE_WORDS = Pattern.compile("(?<![A-Za-z@./-])[A-Za-z][a-z'’]*(?: [A-Za-z][a-z'’]*){2,}");

  private EnglishPhrases() {
  }

  public static Set<String> all() throws Exception {
    Set<String> phrases = new LinkedHashSet<>();
    Properties english = new Properties();
    try (var in = new InputStreamReader(new FileInputStream("src/main/resources/timeline/timeline.properties"),
        StandardCharsets.UTF_8)) {
      english.load(in);
    }
    english.values().forEach(value -> {
      for (String part : PLACEHOLDER.split(value.toString())) {
        Matcher words = TWO_WORDS.matcher(part);
        while (words.find()) {
          phrases.add(words.group());
        }
      }
    });
    for (File bpmn : new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"))) {
      Bpmn.readModelFromFile(bpmn).getModelElementsByType(FlowNode.class).stream()
          .map(FlowNode::getName).filter(name -> name != null && name.contains(" ")).forEach(phrases::add);
    }
    for (File dmn : new File("dmn").listFiles((dir, name) -> name.endsWith(".dmn"))) {
      var model = Dmn.readModelFromFile(dmn);
      model.getModelElementsByType(Rule.class).forEach(rule -> {
        if (rule.getDescription() != null) {
          phrases.add(rule.getDescription().getTextContent().trim());
        }
      });
      model.getModelElementsByType(Output.class).stream().map(Output::getLabel)
          .filter(label -> label != null && label.contains(" ")).forEach(phrases::add);
      model.getModelElementsByType(OutputEntry.class).stream().map(entry -> entry.getTextContent().trim())
          .filter(text -> text.startsWith("\"") && text.contains(" "))
          .forEach(text -> phrases.add(text.substring(1, text.length() - 1)));
    }
    ObjectMapper json = new ObjectMapper();
    for (File form : new File("forms").listFiles((dir, name) -> name.endsWith(".form"))) {
      json.readTree(form).findValues("values").forEach(values -> values.forEach(option -> {
        String label = option.path("label").asText("");
        if (label.contains(" ")) {
          phrases.add(label);
        }
      }));
    }
    return phrases;
  }

  /** Fails naming every entry that shows an English phrase (after removing the given data: titles, notes, names). */
  public static void assertNone(List<String> summaries, String... data) throws Exception {
    Set<String> phrases = all();
    List<String> english = new ArrayList<>();
    for (String summary : summaries) {
      String words = summary;
      for (String datum : data) {
        words = words.replace(datum, "");
      }
      String text = words;
      phrases.stream().filter(text::contains).forEach(phrase -> english.add(phrase + "  ←  " + summary));
      Matcher three = THREE_WORDS.matcher(text);
      while (three.find()) {
        english.add(three.group() + "  ←  " + summary);
      }
    }
    assertThat(english).as("English on a Korean timeline").isEmpty();
  }

}
