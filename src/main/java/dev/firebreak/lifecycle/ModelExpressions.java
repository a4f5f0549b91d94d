package dev.firebreak.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The {@code ${...}} and {@code #{...}} expressions of a BPMN file (attributes and element text:
 * conditions, timers, listeners), and the names they use: the same reading as the model tests'.
 */
final class ModelExpressions {

  /** Names the engine itself provides inside expressions; never Spring beans, never process variables. */
  static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "externalTask", "variableScope",
      "caseExecution", "authenticatedUserId", "currentUser", "currentUserGroups", "dateTime", "S", "XML", "JSON");

  private static final Set<String> EL_KEYWORDS = Set.of("true", "false", "null", "empty", "not", "and", "or",
      "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
  private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])([A-Za-z_][\\w]*)");

  /** One expression: the id of the element it belongs to, where it stands ({@code serviceTask@delegateExpression}), its text. */
  record Expression(String elementId, String where, String body) {

    boolean isDelegate() {
      return where.endsWith("@delegateExpression");
    }

    /** Identifiers followed by a dot: {@code statusUpdates} in {@code statusUpdates.pending(execution)}. */
    Set<String> roots() {
      return identifiers(true);
    }

    /** Identifiers not followed by a dot, a call or a colon: process variables or engine names. */
    Set<String> plainIdentifiers() {
      return identifiers(false);
    }

    private Set<String> identifiers(boolean roots) {
      Set<String> names = new TreeSet<>();
      String code = QUOTED.matcher(body).replaceAll("''");
      Matcher m = IDENTIFIER.matcher(code);
      while (m.find()) {
        char next = nextNonBlank(code, m.end());
        if (roots ? next == '.' : next != '.' && next != '(' && next != ':' && !EL_KEYWORDS.contains(m.group(1))) {
          names.add(m.group(1));
        }
      }
      return names;
    }

    private static char nextNonBlank(String s, int from) {
      for (int i = from; i < s.length(); i++) {
        if (!Character.isWhitespace(s.charAt(i))) {
          return s.charAt(i);
        }
      }
      return 0;
    }
  }

  private ModelExpressions() {
  }

  static List<Expression> of(Document bpmn) {
    List<Expression> found = new ArrayList<>();
    collect(bpmn.getDocumentElement(), null, found);
    return found;
  }

  private static void collect(Element element, String ownerId, List<Expression> found) {
    String id = element.hasAttribute("id") ? element.getAttribute("id") : ownerId;
    String tag = element.getLocalName();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      addAll(id, tag + "@" + attribute.getLocalName(), attribute.getValue(), found);
    }
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node child = children.item(i);
      if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        addAll(id, tag, child.getNodeValue(), found);
      } else if (child instanceof Element e) {
        collect(e, id, found);
      }
    }
  }

  private static void addAll(String id, String where, String text, List<Expression> found) {
    if (text == null) {
      return;
    }
    Matcher m = EXPRESSION.matcher(text);
    while (m.find()) {
      found.add(new Expression(id, where, m.group(1).trim()));
    }
  }
}
