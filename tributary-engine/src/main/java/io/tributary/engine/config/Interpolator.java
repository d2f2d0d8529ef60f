package io.tributary.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a string with values from an
 * environment; {@code $${} stands for a literal {@code ${}. The default is used when the variable
 * is unset or empty. Immutable and thread-safe.
 */
final class Interpolator {

  /** The outcome for one string. */
  sealed interface Result {}

  /**
   * @param value the interpolated text
   * @param variables the names of the variables whose values were used
   */
  record Ok(String value, List<String> variables) implements Result {}

  /**
   * @param messages one per unset variable or malformed reference
   */
  record Failed(List<String> messages) implements Result {}

  private final Map<String, String> environment;

  Interpolator(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** Whether {@code text} contains anything this interpolator would change. */
  static boolean mentions(String text) {
    return text.contains("${");
  }

  Result apply(String text) {
    if (!mentions(text)) {
      return new Ok(text, List.of());
    }
    StringBuilder out = new StringBuilder(text.length());
    List<String> used = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          errors.add(
              "'${' is not closed; write ${NAME} or ${NAME:-default}, or $${ for a literal ${");
          break;
        }
        String inner = text.substring(i + 2, close);
        int sep = inner.indexOf(":-");
        String name = sep < 0 ? inner : inner.substring(0, sep);
        String fallback = sep < 0 ? null : inner.substring(sep + 2);
        if (!DotEnv.NAME.matcher(name).matches()) {
          errors.add(
              "'${"
                  + inner
                  + "}' is not a valid reference; write ${NAME} or ${NAME:-default} (NAME of"
                  + " letters, digits and '_'), or $${ for a literal ${");
        } else {
          String value = environment.get(name);
          if (value != null && !(value.isEmpty() && fallback != null)) {
            out.append(value);
            used.add(name);
          } else if (fallback != null) {
            out.append(fallback);
          } else {
            errors.add(
                "environment variable "
                    + name
                    + " is not set; define it, put it in .env, or write ${"
                    + name
                    + ":-default}");
          }
        }
        i = close + 1;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return errors.isEmpty() ? new Ok(out.toString(), List.copyOf(used)) : new Failed(errors);
  }
}
