package io.tributary.http.internal.manifest;

import io.tributary.http.internal.template.Template;
import io.tributary.spi.config.ConfigProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a {@link Node} tree against a {@link Shape} and reports every problem at once. */
public final class ShapeValidator {
  private final List<ConfigProblem> problems = new ArrayList<>();

  private ShapeValidator() {}

  /** Every problem of {@code node} against {@code shape}, each with location and path. */
  public static List<ConfigProblem> validate(Node node, Shape shape) {
    ShapeValidator v = new ShapeValidator();
    v.check(node, shape, "");
    return v.problems;
  }

  private void problem(Node node, String path, Object value, String message) {
    problems.add(
        new ConfigProblem(
            node.location(), path, value == null ? null : String.valueOf(value), message));
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private void check(Node node, Shape shape, String path) {
    switch (shape) {
      case Shape.Any a -> {}
      case Shape.Str s -> checkStr(node, s, path);
      case Shape.Template t -> {
        if (node instanceof Node.ScalarNode sc && sc.value() != null) {
          if (sc.value() instanceof String str) {
            try {
              Template.parse(str);
            } catch (IllegalArgumentException e) {
              problem(node, path, null, e.getMessage());
            }
          }
        } else {
          problem(node, path, null, "must be a text value (a template) but was " + kind(node));
        }
      }
      case Shape.Dur d -> {
        if (node instanceof Node.ScalarNode sc && sc.value() instanceof String str) {
          try {
            Durations.parse(str);
          } catch (IllegalArgumentException e) {
            problem(node, path, str, e.getMessage());
          }
        } else {
          problem(node, path, null, "must be a duration such as 30s or 5m but was " + kind(node));
        }
      }
      case Shape.Int i -> {
        if (node instanceof Node.ScalarNode sc
            && (sc.value() instanceof Long || sc.value() instanceof java.math.BigInteger)) {
          Number n = (Number) sc.value();
          if (i.min() != null && n.longValue() < i.min()) {
            problem(node, path, n, "must be >= " + i.min() + " but was " + n);
          }
        } else {
          problem(node, path, scalar(node), "must be a whole number but was " + kind(node));
        }
      }
      case Shape.Num n -> {
        if (node instanceof Node.ScalarNode sc && sc.value() instanceof Number num) {
          if (n.min() != null
              && new BigDecimal(num.toString()).compareTo(BigDecimal.valueOf(n.min())) < 0) {
            problem(node, path, num, "must be >= " + n.min() + " but was " + num);
          }
        } else {
          problem(node, path, scalar(node), "must be a number but was " + kind(node));
        }
      }
      case Shape.Bool b -> {
        if (!(node instanceof Node.ScalarNode sc && sc.value() instanceof Boolean)) {
          problem(node, path, scalar(node), "must be true or false but was " + kind(node));
        }
      }
      case Shape.ListOf l -> {
        if (node instanceof Node.ListNode ln) {
          if (ln.items().size() < l.minItems()) {
            problem(node, path, null, "must list at least " + l.minItems() + " item(s)");
          }
          for (int i = 0; i < ln.items().size(); i++) {
            check(ln.items().get(i), l.item(), path + "[" + i + "]");
          }
        } else {
          problem(node, path, scalar(node), "must be a list but was " + kind(node));
        }
      }
      case Shape.MapOf m -> {
        if (node instanceof Node.MapNode mn) {
          mn.entries().forEach((k, v) -> check(v, m.value(), join(path, k)));
        } else {
          problem(node, path, scalar(node), "must be a mapping but was " + kind(node));
        }
      }
      case Shape.Obj o -> checkObj(node, o, path, null);
      case Shape.Tagged t -> {
        if (!(node instanceof Node.MapNode mn)) {
          problem(node, path, scalar(node), "must be a mapping but was " + kind(node));
          return;
        }
        Node tagNode = mn.get(t.tag());
        String tag =
            tagNode instanceof Node.ScalarNode sc && sc.value() instanceof String s ? s : null;
        Shape.Obj variant = tag == null ? null : t.variants().get(tag);
        if (variant == null) {
          problem(
              tagNode == null ? node : tagNode,
              join(path, t.tag()),
              tag,
              tagNode == null
                  ? "'"
                      + t.tag()
                      + "' is required; one of "
                      + String.join(", ", t.variants().keySet())
                  : "'" + t.tag() + "' must be one of " + String.join(", ", t.variants().keySet()));
          return;
        }
        checkObj(node, variant, path, t.tag());
      }
      case Shape.Single s -> {
        if (!(node instanceof Node.MapNode mn) || mn.entries().size() != 1) {
          problem(
              node,
              path,
              null,
              "must be a mapping with exactly one of: "
                  + String.join(", ", s.choices().stream().map(Shape.Field::name).toList()));
          return;
        }
        Map.Entry<String, Node> e = mn.entries().entrySet().iterator().next();
        s.choice(e.getKey())
            .ifPresentOrElse(
                f -> check(e.getValue(), f.shape(), join(path, e.getKey())),
                () ->
                    problem(
                        node,
                        join(path, e.getKey()),
                        null,
                        "unknown step '"
                            + e.getKey()
                            + "'; expected one of: "
                            + String.join(
                                ", ", s.choices().stream().map(Shape.Field::name).toList())));
      }
      case Shape.ByKind b -> {
        Shape chosen =
            switch (node) {
              case Node.ScalarNode sc -> b.scalar();
              case Node.ListNode ln -> b.list();
              case Node.MapNode mn -> b.map();
            };
        if (chosen == null) {
          List<String> accepted = new ArrayList<>();
          if (b.scalar() != null) {
            accepted.add("a single value");
          }
          if (b.list() != null) {
            accepted.add("a list");
          }
          if (b.map() != null) {
            accepted.add("a mapping");
          }
          problem(
              node,
              path,
              scalar(node),
              "must be " + String.join(" or ", accepted) + " but was " + kind(node));
        } else {
          check(node, chosen, path);
        }
      }
    }
  }

  private void checkStr(Node node, Shape.Str s, String path) {
    if (!(node instanceof Node.ScalarNode sc) || !(sc.value() instanceof String str)) {
      problem(node, path, scalar(node), "must be a text value but was " + kind(node));
      return;
    }
    if (!s.allowed().isEmpty() && !s.allowed().contains(str)) {
      problem(node, path, str, "must be one of " + String.join(", ", s.allowed()));
    }
    if (s.pattern() != null && !Pattern.matches(s.pattern(), str)) {
      problem(node, path, str, "must be " + s.patternHint());
    }
  }

  private void checkObj(Node node, Shape.Obj o, String path, String tagKey) {
    if (!(node instanceof Node.MapNode mn)) {
      problem(node, path, scalar(node), "must be a mapping but was " + kind(node));
      return;
    }
    for (Shape.Field f : o.fields()) {
      Node v = mn.get(f.name());
      if (v == null || (v instanceof Node.ScalarNode sc && sc.value() == null)) {
        if (f.required()) {
          problem(node, join(path, f.name()), null, "'" + f.name() + "' is required but missing");
        }
        continue;
      }
      check(v, f.shape(), join(path, f.name()));
    }
    for (Map.Entry<String, Node> e : mn.entries().entrySet()) {
      if (e.getKey().equals(tagKey)) {
        continue;
      }
      if (o.field(e.getKey()).isEmpty()) {
        problem(
            e.getValue(),
            join(path, e.getKey()),
            null,
            "unknown key '"
                + e.getKey()
                + "'; expected one of: "
                + String.join(", ", o.names())
                + suggestion(e.getKey(), o.names()));
      }
    }
  }

  private static String suggestion(String key, List<String> names) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String n : names) {
      int d = distance(key, n);
      if (d < bestD) {
        bestD = d;
        best = n;
      }
    }
    return best != null && bestD <= 2 ? " (did you mean '" + best + "'?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static Object scalar(Node n) {
    return n instanceof Node.ScalarNode sc ? sc.value() : null;
  }

  static String kind(Node n) {
    return switch (n) {
      case Node.MapNode m -> "a mapping";
      case Node.ListNode l -> "a list";
      case Node.ScalarNode sc ->
          switch (sc.value()) {
            case null -> "empty";
            case String s -> "a text value";
            case Boolean b -> "a boolean";
            case Number num -> "a number";
            default -> sc.value().getClass().getSimpleName();
          };
    };
  }
}
