package io.tributary.http.internal.manifest;

import io.tributary.http.internal.template.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a validated mapping node, falling back to the defaults declared in its {@link Shape.Obj},
 * so defaults live in one place. Only used after {@link ShapeValidator} found no problem.
 */
final class View {
  private final Node.MapNode node;
  private final Shape.Obj shape;

  View(Node.MapNode node, Shape.Obj shape) {
    this.node = node == null ? new Node.MapNode("", Map.of()) : node;
    this.shape = shape;
  }

  static View tagged(Node.MapNode node, Shape.Tagged shape) {
    String tag = (String) node.get(shape.tag()).plain();
    Shape.Obj variant = shape.variants().get(tag);
    List<Shape.Field> fields = new ArrayList<>(variant.fields());
    fields.add(Shape.field(shape.tag(), Shape.string(), ""));
    return new View(node, new Shape.Obj(fields));
  }

  static Map<String, Node> each(Node.MapNode n) {
    return n == null ? Map.of() : n.entries();
  }

  String location() {
    return node.location();
  }

  Node node(String key) {
    Node n = node.get(key);
    return n instanceof Node.ScalarNode sc && sc.value() == null ? null : n;
  }

  boolean has(String key) {
    return node(key) != null;
  }

  Object raw(String key) {
    Node n = node(key);
    if (n != null) {
      return n.plain();
    }
    return shape == null ? null : shape.field(key).map(Shape.Field::defaultValue).orElse(null);
  }

  String str(String key) {
    Object v = raw(key);
    if (v == null) {
      throw new IllegalStateException("no value and no default for " + key);
    }
    return v.toString();
  }

  String strOrNull(String key) {
    Object v = raw(key);
    return v == null ? null : v.toString();
  }

  long lng(String key) {
    return ((Number) raw(key)).longValue();
  }

  Double dblOrNull(String key) {
    Object v = raw(key);
    return v == null ? null : ((Number) v).doubleValue();
  }

  boolean bool(String key) {
    return Boolean.TRUE.equals(raw(key));
  }

  Duration dur(String key) {
    return Durations.parse(str(key));
  }

  Template tmpl(String key) {
    return Template.parse(Template.text(raw(key)));
  }

  Template tmplOrNull(String key) {
    Object v = raw(key);
    return v == null ? null : Template.parse(Template.text(v));
  }

  List<String> strs(String key) {
    Object v = raw(key);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  List<Long> longs(String key) {
    Object v = raw(key);
    List<Long> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      l.forEach(x -> out.add(((Number) x).longValue()));
    }
    return out;
  }

  Node.MapNode map(String key) {
    return node(key) instanceof Node.MapNode m ? m : null;
  }

  View obj(String key, Shape.Obj objShape) {
    return new View(map(key), objShape);
  }

  List<View> objList(String key, Shape.Obj itemShape) {
    List<View> out = new ArrayList<>();
    if (node(key) instanceof Node.ListNode l) {
      for (Node n : l.items()) {
        out.add(new View((Node.MapNode) n, itemShape));
      }
    }
    return out;
  }
}
