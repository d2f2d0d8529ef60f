package io.tributary.store.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** JSON text for JSON columns, state and run details; plain Java values on the way back. */
final class Json {
  // configured once, never changed: safe to share between threads
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  /**
   * Serialises a JSON-shaped value (maps with string keys, lists, strings, numbers, booleans,
   * nulls) to compact JSON text.
   *
   * @throws IllegalArgumentException for anything else, and for NaN or infinite numbers
   */
  static String write(Object value) {
    StringBuilder sb = new StringBuilder(64);
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value) {
    switch (value) {
      case null -> sb.append("null");
      case String s -> string(sb, s);
      case Boolean b -> sb.append(b.booleanValue());
      case Long l -> sb.append(l.longValue());
      case Integer i -> sb.append(i.intValue());
      case Short i -> sb.append(i.shortValue());
      case Byte i -> sb.append(i.byteValue());
      case BigInteger b -> sb.append(b);
      case BigDecimal d -> sb.append(d);
      case Double d -> finite(sb, d);
      case Float f -> finite(sb, f.doubleValue());
      case Map<?, ?> m -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!(e.getKey() instanceof String key)) {
            throw new IllegalArgumentException(
                "value of type "
                    + typeName(value)
                    + " cannot be written as JSON: object keys must be strings");
          }
          if (!first) {
            sb.append(',');
          }
          first = false;
          string(sb, key);
          sb.append(':');
          write(sb, e.getValue());
        }
        sb.append('}');
      }
      case List<?> l -> {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(sb, l.get(i));
        }
        sb.append(']');
      }
      default ->
          throw new IllegalArgumentException(
              "value of type "
                  + typeName(value)
                  + " cannot be written as JSON (use maps, lists, strings, numbers, booleans)");
    }
  }

  private static void finite(StringBuilder sb, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("the number " + d + " cannot be written as JSON");
    }
    sb.append(d);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    int from = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      sb.append(s, from, i);
      from = i + 1;
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    sb.append(s, from, n).append('"');
  }

  /** Parses JSON text into maps, lists, strings, numbers, booleans and nulls. */
  static Object read(String text) {
    try {
      return longs(MAPPER.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  static Map<String, Object> readMap(String text) {
    try {
      Map<String, Object> map = MAPPER.readValue(text, MAP);
      map.replaceAll((k, v) -> longs(v));
      return map;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
    }
  }

  /** Integers as {@code Long} (Jackson picks Integer for small ones), recursively. */
  @SuppressWarnings("unchecked")
  private static Object longs(Object value) {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).replaceAll((k, v) -> longs(v));
    } else if (value instanceof List<?> l) {
      ((List<Object>) l).replaceAll(Json::longs);
    }
    return value;
  }

  private static String typeName(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }
}
