package io.tributary.engine.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a {@code .env} file: {@code KEY=VALUE} lines, blank lines and {@code #} comments, an
 * optional {@code export } prefix, and values that are bare (a {@code " #"} starts a comment),
 * single-quoted (taken literally) or double-quoted (with {@code \n}, {@code \t}, {@code \"}, {@code
 * \\} escapes). Values are not interpolated. Every malformed line is reported; the others are kept.
 */
final class DotEnv {
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Receives one problem per malformed line. */
  interface LineProblems {
    void add(int line, int column, String message);
  }

  private DotEnv() {}

  static Map<String, String> parse(String text, LineProblems problems) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      int lineNo = n + 1;
      int start = skipBlanks(line, 0);
      if (start == line.length() || line.charAt(start) == '#') {
        continue;
      }
      if (line.startsWith("export ", start)) {
        start = skipBlanks(line, start + "export ".length());
      }
      int eq = line.indexOf('=', start);
      if (eq < 0) {
        problems.add(lineNo, start + 1, "expected KEY=VALUE; write the line as NAME=value");
        continue;
      }
      String key = line.substring(start, eq).strip();
      if (!NAME.matcher(key).matches()) {
        problems.add(
            lineNo,
            start + 1,
            "'"
                + key
                + "' is not a valid variable name; use letters, digits and '_', not starting"
                + " with a digit");
        continue;
      }
      int v = skipBlanks(line, eq + 1);
      String rest = line.substring(v);
      if (rest.startsWith("\"")) {
        StringBuilder sb = new StringBuilder();
        int i = 1;
        boolean closed = false;
        while (i < rest.length()) {
          char c = rest.charAt(i);
          if (c == '\\' && i + 1 < rest.length()) {
            char e = rest.charAt(i + 1);
            sb.append(
                switch (e) {
                  case 'n' -> "\n";
                  case 't' -> "\t";
                  case 'r' -> "\r";
                  case '"' -> "\"";
                  case '\\' -> "\\";
                  case '$' -> "$";
                  default -> "\\" + e;
                });
            i += 2;
          } else if (c == '"') {
            closed = true;
            i++;
            break;
          } else {
            sb.append(c);
            i++;
          }
        }
        if (!closed || !isBlankOrComment(rest.substring(i))) {
          problems.add(
              lineNo,
              v + 1,
              "unterminated or trailing text after a double-quoted value; close the quote and"
                  + " put nothing but a # comment after it");
          continue;
        }
        out.put(key, sb.toString());
      } else if (rest.startsWith("'")) {
        int close = rest.indexOf('\'', 1);
        if (close < 0 || !isBlankOrComment(rest.substring(close + 1))) {
          problems.add(
              lineNo,
              v + 1,
              "unterminated or trailing text after a single-quoted value; close the quote and"
                  + " put nothing but a # comment after it");
          continue;
        }
        out.put(key, rest.substring(1, close));
      } else {
        int comment = indexOfComment(rest);
        out.put(key, (comment < 0 ? rest : rest.substring(0, comment)).strip());
      }
    }
    return out;
  }

  private static int skipBlanks(String s, int from) {
    int i = from;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isBlankOrComment(String s) {
    String t = s.strip();
    return t.isEmpty() || t.startsWith("#");
  }

  /**
   * Index of a {@code #} that follows whitespace (a bare value may contain {@code #} otherwise).
   */
  private static int indexOfComment(String s) {
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) == '#' && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
        return i;
      }
    }
    return s.startsWith("#") ? 0 : -1;
  }
}
