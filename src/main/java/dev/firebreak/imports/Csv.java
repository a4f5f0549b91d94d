package dev.firebreak.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as spreadsheets and the PagerDuty and Opsgenie exports write it: comma-separated,
 * fields in double quotes may hold commas, line breaks and doubled quotes; a UTF-8 byte-order mark
 * and CRLF line ends are accepted.
 */
final class Csv {

  /** One record: the physical line it starts on (the header is line 1), its cells and its text. */
  record Row(int line, List<String> cells, String text) {
  }

  /** The text does not parse (an unclosed quote). */
  static final class Malformed extends RuntimeException {
    final int line;

    Malformed(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  private Csv() {
  }

  static List<Row> parse(String text) {
    List<Row> rows = new ArrayList<>();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int startLine = line;
      int start = i;
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean endOfRow = false;
      while (i < n && !endOfRow) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              cell.append('"');
              i += 2;
              continue;
            }
            quoted = false;
          } else {
            if (c == '\n') {
              line++;
            }
            cell.append(c);
          }
          i++;
        } else if (c == '"' && cell.toString().isBlank()) {
          cell.setLength(0);
          quoted = true;
          i++;
        } else if (c == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
          i++;
        } else if (c == '\r' || c == '\n') {
          if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
            i++;
          }
          i++;
          line++;
          endOfRow = true;
        } else {
          cell.append(c);
          i++;
        }
      }
      if (quoted) {
        throw new Malformed(startLine, "a quoted field opened on line " + startLine + " is never closed");
      }
      cells.add(cell.toString());
      String rowText = text.substring(start, i).stripTrailing();
      boolean blank = cells.size() == 1 && cells.get(0).isBlank();
      if (!blank) {
        rows.add(new Row(startLine, cells, rowText));
      }
    }
    return rows;
  }

  /** A header cell as a key: lower case, letters and digits only ("Created On", "created_on" → "createdon"). */
  static String key(String header) {
    return header.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
