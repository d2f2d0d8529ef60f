package io.tributary.http.internal.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A string with {@code {{ expression }}} placeholders, e.g. {@code /r/{{ partition.subreddit
 * }}/new} or {@code {{ config.symbols | join(',') }}}.
 *
 * <p>An expression is a dotted path into the context ({@code config.x}, {@code partition.x}, {@code
 * parent.x}, {@code cursor.from}, {@code record.a.b}; a numeric segment indexes a list) followed by
 * filters: {@code join('sep')}, {@code default('value')}, {@code lower}, {@code upper}, {@code
 * first}, {@code string}. A template that is exactly one expression renders to the value itself (a
 * list stays a list); otherwise the parts are joined as text, missing values as empty text.
 * Immutable and thread-safe.
 */
public final class Template {
  private final String source;
  private final List<Part> parts;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = parts;
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException with a message saying what is wrong and where
   */
  public static Template parse(String source) {
    Objects.requireNonNull(source, "source");
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < source.length()) {
      int open = source.indexOf("{{", i);
      if (open < 0) {
        parts.add(new Literal(source.substring(i)));
        break;
      }
      if (open > i) {
        parts.add(new Literal(source.substring(i, open)));
      }
      int close = source.indexOf("}}", open + 2);
      if (close < 0) {
        throw new IllegalArgumentException(
            "'{{' at position " + open + " has no closing '}}' in template '" + source + "'");
      }
      parts.add(Expr.parse(source.substring(open + 2, close).trim(), source));
      i = close + 2;
    }
    return new Template(source, List.copyOf(parts));
  }

  /** A template that renders {@code value} unchanged. */
  public static Template literal(String value) {
    return new Template(value, List.of(new Literal(value)));
  }

  public String source() {
    return source;
  }

  /** Whether the template contains no placeholder. */
  public boolean isLiteral() {
    return parts.stream().allMatch(p -> p instanceof Literal);
  }

  /** The root names the template reads, e.g. {@code config}, {@code partition}. */
  public List<String> roots() {
    return parts.stream()
        .filter(p -> p instanceof Expr)
        .map(p -> ((Expr) p).path().get(0))
        .distinct()
        .toList();
  }

  /** Renders the template; see the class documentation for how values are joined. */
  public Object render(Map<String, ?> context) {
    if (parts.size() == 1 && parts.get(0) instanceof Expr e) {
      return e.evaluate(context);
    }
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      switch (p) {
        case Literal l -> sb.append(l.text());
        case Expr e -> sb.append(text(e.evaluate(context)));
      }
    }
    return sb.toString();
  }

  /** Renders to text; {@code null} and missing values give the empty string. */
  public String renderText(Map<String, ?> context) {
    return text(render(context));
  }

  /** The text form of a value: lists joined with commas, null as empty. */
  public static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof List<?> l) {
      return String.join(",", l.stream().map(Template::text).toList());
    }
    if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return v.toString();
  }

  @Override
  public String toString() {
    return source;
  }

  private sealed interface Part permits Literal, Expr {}

  private record Literal(String text) implements Part {}

  private record Filter(String name, String arg) {}

  private record Expr(List<String> path, List<Filter> filters) implements Part {

    static Expr parse(String text, String source) {
      if (text.isEmpty()) {
        throw new IllegalArgumentException("empty '{{ }}' in template '" + source + "'");
      }
      List<String> pieces = splitPipes(text, source);
      String pathText = pieces.get(0).trim();
      if (!pathText.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_\\-]+)*")) {
        throw new IllegalArgumentException(
            "'"
                + pathText
                + "' is not a value path; write a dotted name such as config.api_key or"
                + " partition.symbol (in template '"
                + source
                + "')");
      }
      List<Filter> filters = new ArrayList<>();
      for (String f : pieces.subList(1, pieces.size())) {
        filters.add(parseFilter(f.trim(), source));
      }
      return new Expr(List.of(pathText.split("\\.")), List.copyOf(filters));
    }

    private static List<String> splitPipes(String text, String source) {
      List<String> out = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      boolean quoted = false;
      char quote = 0;
      for (char c : text.toCharArray()) {
        if (quoted) {
          cur.append(c);
          if (c == quote) {
            quoted = false;
          }
        } else if (c == '\'' || c == '"') {
          quoted = true;
          quote = c;
          cur.append(c);
        } else if (c == '|') {
          out.add(cur.toString());
          cur.setLength(0);
        } else {
          cur.append(c);
        }
      }
      if (quoted) {
        throw new IllegalArgumentException("unclosed quote in template '" + source + "'");
      }
      out.add(cur.toString());
      return out;
    }

    private static Filter parseFilter(String f, String source) {
      String name = f;
      String arg = null;
      int paren = f.indexOf('(');
      if (paren >= 0) {
        if (!f.endsWith(")")) {
          throw new IllegalArgumentException(
              "filter '" + f + "' misses its closing ')' in template '" + source + "'");
        }
        name = f.substring(0, paren).trim();
        String a = f.substring(paren + 1, f.length() - 1).trim();
        if (a.length() >= 2
            && (a.charAt(0) == '\'' || a.charAt(0) == '"')
            && a.charAt(a.length() - 1) == a.charAt(0)) {
          arg = a.substring(1, a.length() - 1);
        } else {
          throw new IllegalArgumentException(
              "filter '"
                  + f
                  + "' needs a quoted argument, e.g. join(',') (in template '"
                  + source
                  + "')");
        }
      }
      boolean needsArg = name.equals("join") || name.equals("default");
      switch (name) {
        case "join", "default", "lower", "upper", "first", "string" -> {}
        default ->
            throw new IllegalArgumentException(
                "unknown filter '"
                    + name
                    + "'; expected one of join('sep'), default('value'), lower, upper, first,"
                    + " string (in template '"
                    + source
                    + "')");
      }
      if (needsArg && arg == null) {
        throw new IllegalArgumentException(
            "filter '" + name + "' needs an argument, e.g. " + name + "(',')");
      }
      return new Filter(name, arg);
    }

    Object evaluate(Map<String, ?> context) {
      Object v = lookup(context, path);
      for (Filter f : filters) {
        v = apply(f, v);
      }
      return v;
    }

    private static Object apply(Filter f, Object v) {
      return switch (f.name()) {
        case "join" ->
            v instanceof List<?> l
                ? String.join(f.arg(), l.stream().map(Template::text).toList())
                : v == null ? null : text(v);
        case "default" -> v == null || (v instanceof String s && s.isEmpty()) ? f.arg() : v;
        case "lower" -> v == null ? null : text(v).toLowerCase(Locale.ROOT);
        case "upper" -> v == null ? null : text(v).toUpperCase(Locale.ROOT);
        case "first" -> v instanceof List<?> l ? (l.isEmpty() ? null : l.get(0)) : v;
        case "string" -> v == null ? null : text(v);
        default -> throw new IllegalStateException(f.name());
      };
    }
  }

  /** Follows a dotted path through maps and lists; {@code null} when any step is missing. */
  public static Object lookup(Object root, List<String> path) {
    Object cur = root;
    for (String seg : path) {
      if (cur instanceof Map<?, ?> m) {
        cur = m.get(seg);
      } else if (cur instanceof List<?> l && seg.chars().allMatch(Character::isDigit)) {
        int idx = Integer.parseInt(seg);
        cur = idx < l.size() ? l.get(idx) : null;
      } else {
        return null;
      }
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }
}
