package io.tributary.store.duckdb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBStruct;
import org.duckdb.JsonNode;

/**
 * Turns JDBC values into plain Java values: Long (also for HUGEINT results such as {@code sum} when
 * they fit), Double, BigDecimal, BigInteger, String, Boolean, timestamps and dates as ISO-8601
 * strings (TIMESTAMPTZ in UTC with a trailing {@code Z}), JSON columns parsed into maps and lists,
 * LIST as {@code List}, STRUCT and MAP as {@code Map}, BLOB as base64 text.
 */
final class Values {
  private Values() {}

  static Object plain(Object o) throws SQLException {
    return switch (o) {
      case null -> null;
      case Long l -> l;
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case Double d -> d;
      case Float f -> f.doubleValue();
      case BigDecimal d -> d;
      case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b;
      case String s -> s;
      case Boolean b -> b;
      case OffsetDateTime t -> t.toInstant().toString();
      case java.sql.Timestamp t -> t.toLocalDateTime().toString();
      case java.sql.Date d -> d.toLocalDate().toString();
      case java.sql.Time t -> t.toLocalTime().toString();
      case LocalDateTime t -> t.toString();
      case LocalDate d -> d.toString();
      case LocalTime t -> t.toString();
      case OffsetTime t -> t.toString();
      case UUID u -> u.toString();
      case JsonNode j -> json(j.toString());
      case DuckDBStruct s -> plainMap(s.getMap());
      case Struct s -> plainList(Arrays.asList(s.getAttributes()));
      case Array a -> plainList(elements(a.getArray()));
      case Map<?, ?> m -> plainMap(m);
      case byte[] b -> Base64.getEncoder().encodeToString(b);
      case Blob b -> Base64.getEncoder().encodeToString(b.getBytes(1, (int) b.length()));
      default -> o.toString();
    };
  }

  private static List<?> elements(Object array) {
    if (array instanceof Object[] objects) {
      return Arrays.asList(objects);
    }
    int n = java.lang.reflect.Array.getLength(array);
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(java.lang.reflect.Array.get(array, i));
    }
    return out;
  }

  private static Object json(String text) {
    try {
      return Json.read(text);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static Map<String, Object> plainMap(Map<?, ?> m) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      out.put(String.valueOf(e.getKey()), plain(e.getValue()));
    }
    return out;
  }

  private static List<Object> plainList(List<?> items) throws SQLException {
    List<Object> out = new ArrayList<>(items.size());
    for (Object item : items) {
      out.add(plain(item));
    }
    return out;
  }
}
