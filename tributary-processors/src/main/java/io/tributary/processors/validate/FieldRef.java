package io.tributary.processors.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A field a rule looks at: a top-level name ({@code score}) or, when it starts with {@code /}, a
 * JSON Pointer into nested objects and arrays ({@code /data/score}, {@code /tags/0}).
 *
 * @param display the field as the user wrote it, for messages
 * @param pointer the field as a JSON Pointer, for the quarantine's field path
 * @param segments the unescaped pointer segments
 */
record FieldRef(String display, String pointer, List<String> segments) {

  /** A value lookup: whether the field is present, and its value (possibly null). */
  record Lookup(boolean present, Object value) {
    static final Lookup ABSENT = new Lookup(false, null);
  }

  /**
   * Parses a field reference.
   *
   * @throws IllegalArgumentException when a pointer has a bad escape
   */
  static FieldRef parse(String field) {
    if (!field.startsWith("/")) {
      return new FieldRef(field, "/" + escape(field), List.of(field));
    }
    List<String> segments = new ArrayList<>();
    for (String raw : field.substring(1).split("/", -1)) {
      segments.add(unescape(raw));
    }
    return new FieldRef(field.substring(1), field, List.copyOf(segments));
  }

  Lookup lookup(Map<String, Object> data) {
    Object current = data;
    for (String segment : segments) {
      if (current instanceof Map<?, ?> m) {
        if (!m.containsKey(segment)) {
          return Lookup.ABSENT;
        }
        current = m.get(segment);
      } else if (current instanceof List<?> l) {
        int index = index(segment);
        if (index < 0 || index >= l.size()) {
          return Lookup.ABSENT;
        }
        current = l.get(index);
      } else {
        return Lookup.ABSENT;
      }
    }
    return new Lookup(true, current);
  }

  private static int index(String segment) {
    if (segment.isEmpty() || segment.length() > 9) {
      return -1;
    }
    for (int i = 0; i < segment.length(); i++) {
      if (!Character.isDigit(segment.charAt(i))) {
        return -1;
      }
    }
    return Integer.parseInt(segment);
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static String unescape(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '~') {
        sb.append(c);
        continue;
      }
      char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
      if (next == '0') {
        sb.append('~');
      } else if (next == '1') {
        sb.append('/');
      } else {
        throw new IllegalArgumentException("'~' must be followed by 0 or 1 in a JSON Pointer");
      }
      i++;
    }
    return sb.toString();
  }
}
