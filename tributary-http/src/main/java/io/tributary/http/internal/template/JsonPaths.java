package io.tributary.http.internal.template;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset manifests may use in {@code records.path}: {@code $}, {@code .name}, {@code
 * ['name']}, {@code [n]}, {@code [*]}.
 */
public final class JsonPaths {
  private JsonPaths() {}

  /**
   * Splits a simple JSONPath into steps.
   *
   * @throws IllegalArgumentException saying which syntax is supported
   */
  public static List<String> steps(String path) {
    if (!path.startsWith("$")) {
      throw new IllegalArgumentException(
          "'" + path + "' is neither a JSON Pointer (/a/b) nor a JSONPath ($.a.b[*])");
    }
    List<String> steps = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int j = i + 1;
        while (j < path.length() && path.charAt(j) != '.' && path.charAt(j) != '[') {
          j++;
        }
        if (j == i + 1) {
          throw new IllegalArgumentException("empty name after '.' in JSONPath '" + path + "'");
        }
        steps.add(path.substring(i + 1, j));
        i = j;
      } else if (c == '[') {
        int j = path.indexOf(']', i);
        if (j < 0) {
          throw new IllegalArgumentException("'[' without ']' in JSONPath '" + path + "'");
        }
        String inner = path.substring(i + 1, j).trim();
        if (inner.length() >= 2 && (inner.startsWith("'") || inner.startsWith("\""))) {
          inner = inner.substring(1, inner.length() - 1);
        } else if (!inner.equals("*") && !inner.chars().allMatch(Character::isDigit)) {
          throw new IllegalArgumentException(
              "JSONPath '"
                  + path
                  + "' uses ["
                  + inner
                  + "]; supported are [*], [n] and ['name'] (filters and slices are not)");
        }
        steps.add(inner);
        i = j + 1;
      } else {
        throw new IllegalArgumentException(
            "unexpected '"
                + c
                + "' in JSONPath '"
                + path
                + "'; write e.g. $.data.children[*].data");
      }
    }
    return steps;
  }
}
