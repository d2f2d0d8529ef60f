package io.tributary.connectors.file;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers a JSON Schema (draft 2020-12) for the top-level fields of sample records.
 *
 * <p>Each field gets the JSON types seen for it ({@code integer} and {@code number} together become
 * {@code number}; several other types become a list of types, sorted); a string field whose every
 * sampled value is an RFC 3339 date-time gets {@code format: date-time}. A field seen only as
 * {@code null} gets an empty schema (any value). Fields are not marked required, and nested objects
 * and arrays are described only by their type.
 */
final class SchemaInference {
  static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

  private static final int INTEGER = 1;
  private static final int NUMBER = 2;
  private static final int STRING = 4;
  private static final int BOOLEAN = 8;
  private static final int OBJECT = 16;
  private static final int ARRAY = 32;

  private SchemaInference() {}

  static Map<String, Object> infer(List<Map<String, Object>> sample) {
    Map<String, int[]> types = new LinkedHashMap<>();
    Map<String, Boolean> dateTimes = new LinkedHashMap<>();
    for (Map<String, Object> record : sample) {
      record.forEach(
          (name, value) -> {
            int[] seen = types.computeIfAbsent(name, k -> new int[1]);
            seen[0] |= typeOf(value);
            if (value instanceof String s) {
              dateTimes.merge(name, Cursors.isDateTime(s), Boolean::logicalAnd);
            }
          });
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    types.forEach(
        (name, seen) ->
            properties.put(name, property(seen[0], dateTimes.getOrDefault(name, Boolean.FALSE))));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", DRAFT);
    schema.put("type", "object");
    schema.put("properties", Collections.unmodifiableMap(properties));
    return Collections.unmodifiableMap(schema);
  }

  private static Map<String, Object> property(int seen, boolean dateTime) {
    if ((seen & NUMBER) != 0) {
      seen &= ~INTEGER;
    }
    List<String> names = new ArrayList<>();
    if ((seen & ARRAY) != 0) {
      names.add("array");
    }
    if ((seen & BOOLEAN) != 0) {
      names.add("boolean");
    }
    if ((seen & INTEGER) != 0) {
      names.add("integer");
    }
    if ((seen & NUMBER) != 0) {
      names.add("number");
    }
    if ((seen & OBJECT) != 0) {
      names.add("object");
    }
    if ((seen & STRING) != 0) {
      names.add("string");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    if (names.size() == 1) {
      p.put("type", names.get(0));
      if (seen == STRING && dateTime) {
        p.put("format", "date-time");
      }
    } else if (!names.isEmpty()) {
      p.put("type", List.copyOf(names));
    }
    return Collections.unmodifiableMap(p);
  }

  private static int typeOf(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof String) {
      return STRING;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof java.math.BigInteger) {
      return INTEGER;
    }
    if (v instanceof Number) {
      return NUMBER;
    }
    if (v instanceof Boolean) {
      return BOOLEAN;
    }
    if (v instanceof Map<?, ?>) {
      return OBJECT;
    }
    if (v instanceof List<?>) {
      return ARRAY;
    }
    return STRING;
  }
}
