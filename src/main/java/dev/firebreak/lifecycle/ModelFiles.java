package dev.firebreak.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.w3c.dom.Document;

/**
 * Reading the three kinds of model file: {@code .bpmn}, {@code .dmn} and {@code .form} (Camunda Forms
 * JSON). XML is read with a DOCTYPE refused first (no external entities from an upload), then by
 * Camunda's model API.
 */
final class ModelFiles {

  enum Kind { BPMN, DMN, FORM }

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelFiles() {
  }

  /** The file's kind by its ending, or empty for any other file. */
  static Optional<Kind> kind(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".bpmn")) {
      return Optional.of(Kind.BPMN);
    } else if (lower.endsWith(".dmn")) {
      return Optional.of(Kind.DMN);
    } else if (lower.endsWith(".form")) {
      return Optional.of(Kind.FORM);
    }
    return Optional.empty();
  }

  /** {@code incident} for {@code processes/incident.bpmn}. */
  static String baseName(String name) {
    String file = fileName(name);
    int dot = file.lastIndexOf('.');
    return dot < 0 ? file : file.substring(0, dot);
  }

  /** The last segment of a resource name: {@code incident.bpmn} for {@code processes/incident.bpmn}. */
  static String fileName(String name) {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1);
  }

  static Document xml(byte[] bytes) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
          throw e; // reported in the problem, not printed on stderr
        }
      });
      return builder.parse(new ByteArrayInputStream(bytes));
    } catch (Exception e) {
      throw new Unreadable("is not well-formed XML: " + firstLine(e.getMessage()));
    }
  }

  static BpmnModelInstance bpmn(byte[] bytes) {
    xml(bytes);
    try {
      return Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
    } catch (RuntimeException e) {
      throw new Unreadable("is not a BPMN 2.0 model: " + firstLine(rootMessage(e)));
    }
  }

  static DmnModelInstance dmn(byte[] bytes) {
    xml(bytes);
    try {
      return Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
    } catch (RuntimeException e) {
      throw new Unreadable("is not a DMN 1.3 model: " + firstLine(rootMessage(e)));
    }
  }

  static JsonNode form(byte[] bytes) {
    try {
      JsonNode form = JSON.readTree(bytes);
      if (form == null || !form.isObject() || !form.path("components").isArray()) {
        throw new Unreadable("is not a Camunda Form (a JSON object with components)");
      }
      return form;
    } catch (java.io.IOException e) {
      throw new Unreadable("is not JSON: " + firstLine(e.getMessage()));
    }
  }

  /** Reads the file by its kind; throws {@link Unreadable} saying why it cannot be read. */
  static void read(String name, byte[] bytes) {
    Kind kind = kind(name).orElseThrow(() -> new Unreadable("is not a .bpmn, .dmn or .form file"));
    if (bytes == null || bytes.length == 0) {
      throw new Unreadable("is empty");
    }
    switch (kind) {
      case BPMN -> bpmn(bytes);
      case DMN -> dmn(bytes);
      case FORM -> form(bytes);
    }
  }

  /** Only the readable files of the given ones (a deployed file that does not parse is left out). */
  static boolean readable(Map.Entry<String, byte[]> file) {
    try {
      read(file.getKey(), file.getValue());
      return true;
    } catch (Unreadable e) {
      return false;
    }
  }

  /** A file that cannot be read as the model its name says; the message completes "the file …". */
  static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? e.getMessage() : t.getMessage();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    String line = newline > 0 ? message.substring(0, newline) : message;
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
