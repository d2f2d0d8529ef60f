package io.tributary.http.internal.engine;

import io.tributary.http.internal.manifest.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a parsed response body into record payloads as a stream's {@code records:} says. */
public final class RecordExtractor {
  private RecordExtractor() {}

  /** The records of one page, each a fresh mutable map. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> extract(Object body, Manifest.Records spec) {
    List<Object> nodes = new ArrayList<>();
    boolean multi = Json.isMultiPath(spec.path());
    for (Object n : Json.select(body, spec.path())) {
      if (!multi && n instanceof List<?> l) {
        nodes.addAll(l);
      } else {
        nodes.add(n);
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object n : nodes) {
      if (!spec.zip().isEmpty()) {
        zip(n, spec.zip(), out);
      } else if (spec.zipArrays()) {
        if (n instanceof Map<?, ?> m) {
          Map<String, String> arrays = new LinkedHashMap<>();
          m.forEach(
              (k, v) -> {
                if (v instanceof List<?>) {
                  arrays.put((String) k, "/" + ((String) k).replace("~", "~0").replace("/", "~1"));
                }
              });
          zip(n, arrays, out);
        }
      } else if (!spec.columns().isEmpty()) {
        if (n instanceof List<?> row) {
          Map<String, Object> rec = new LinkedHashMap<>();
          for (int i = 0; i < spec.columns().size(); i++) {
            rec.put(spec.columns().get(i), i < row.size() ? row.get(i) : null);
          }
          out.add(rec);
        } else {
          out.add(wrap(n));
        }
      } else if (spec.entries() != null) {
        if (n instanceof Map<?, ?> m) {
          m.forEach(
              (k, v) -> {
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put(spec.entries(), k);
                if (v instanceof Map<?, ?> vm) {
                  ((Map<String, Object>) vm).forEach(rec::put);
                } else {
                  rec.put("value", v);
                }
                out.add(rec);
              });
        }
      } else {
        out.add(wrap(n));
      }
    }
    return out;
  }

  private static void zip(Object node, Map<String, String> zip, List<Map<String, Object>> out) {
    Map<String, List<?>> columns = new LinkedHashMap<>();
    int length = 0;
    for (Map.Entry<String, String> e : zip.entrySet()) {
      Object v = Json.pointer(node, e.getValue());
      List<?> l = v instanceof List<?> list ? list : List.of();
      columns.put(e.getKey(), l);
      length = Math.max(length, l.size());
    }
    for (int i = 0; i < length; i++) {
      Map<String, Object> rec = new LinkedHashMap<>();
      for (Map.Entry<String, List<?>> c : columns.entrySet()) {
        rec.put(c.getKey(), i < c.getValue().size() ? c.getValue().get(i) : null);
      }
      out.add(rec);
    }
  }

  /**
   * The node itself when it is an object (not copied: {@link Transforms#apply} copies before it
   * changes anything, and the page's nodes are otherwise only read), else {@code {value: node}}.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> wrap(Object n) {
    if (n instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("value", n);
    return rec;
  }
}
