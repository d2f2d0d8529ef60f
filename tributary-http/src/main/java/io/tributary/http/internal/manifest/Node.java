package io.tributary.http.internal.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written, so every problem found in a manifest can name
 * the file, line and column.
 */
public sealed interface Node {

  /** Where the node starts: {@code file:line:column}. */
  String location();

  /** The node as plain Java values (maps, lists, strings, numbers, booleans, null). */
  Object plain();

  /** A mapping; keys keep the order they were written in. */
  record MapNode(String location, Map<String, Node> entries) implements Node {
    public MapNode {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Node get(String key) {
      return entries.get(key);
    }

    @Override
    public Object plain() {
      Map<String, Object> out = new LinkedHashMap<>();
      entries.forEach((k, v) -> out.put(k, v.plain()));
      return out;
    }
  }

  /** A sequence. */
  record ListNode(String location, List<Node> items) implements Node {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public Object plain() {
      return items.stream().map(Node::plain).toList();
    }
  }

  /** A scalar: String, Long, BigInteger, Double, BigDecimal, Boolean or {@code null}. */
  record ScalarNode(String location, Object value) implements Node {
    @Override
    public Object plain() {
      return value;
    }
  }
}
