package io.tributary.store.duckdb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The column types Tributary creates in stream tables, and which Java values fit each of them.
 *
 * <p>A value fits when it can be stored without losing information: an integer fits a DOUBLE
 * column, an integral number fits a BIGINT column, any scalar fits a VARCHAR column as its text,
 * anything JSON-shaped fits a JSON column; a date-time string fits a TIMESTAMPTZ column when it has
 * a UTC offset and at most microsecond precision. {@link #convert} returns the value in the form
 * the writer appends, or {@link #NO_FIT}.
 */
enum ColumnType {
  VARCHAR("VARCHAR"),
  BIGINT("BIGINT"),
  DOUBLE("DOUBLE"),
  BOOLEAN("BOOLEAN"),
  TIMESTAMPTZ("TIMESTAMPTZ"),
  JSON("JSON");

  /** Returned by {@link #convert} for a value that does not fit the column. */
  static final Object NO_FIT = new Object();

  private static final double TWO_POW_63 = 0x1p63;

  private final String sql;

  ColumnType(String sql) {
    this.sql = sql;
  }

  /** The type as written in DDL. */
  String sql() {
    return sql;
  }

  /**
   * The type of a column as DuckDB's catalog reports it ({@code duckdb_columns().data_type}).
   *
   * @throws IllegalStateException for a type Tributary never creates
   */
  static ColumnType fromCatalog(String dataType, String column, String table) {
    return switch (dataType.toUpperCase(Locale.ROOT)) {
      case "VARCHAR" -> VARCHAR;
      case "BIGINT" -> BIGINT;
      case "DOUBLE" -> DOUBLE;
      case "BOOLEAN" -> BOOLEAN;
      case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> TIMESTAMPTZ;
      case "JSON" -> JSON;
      default ->
          throw new IllegalStateException(
              "column '"
                  + column
                  + "' of table "
                  + table
                  + " has type "
                  + dataType
                  + ", which Tributary does not write; rename or drop that column, or export the"
                  + " data and let Tributary recreate the table");
    };
  }

  /**
   * The value as the writer appends it: {@code String} for VARCHAR and JSON, {@code Long} for
   * BIGINT, {@code Double} for DOUBLE, {@code Boolean} for BOOLEAN and {@code Long} epoch
   * microseconds for TIMESTAMPTZ; {@code null} for null; {@link #NO_FIT} when it does not fit.
   */
  Object convert(Object value) {
    if (value == null) {
      return null;
    }
    return switch (this) {
      case VARCHAR -> toText(value);
      case BIGINT -> toLong(value);
      case DOUBLE -> value instanceof Number n ? (Object) n.doubleValue() : NO_FIT;
      case BOOLEAN -> value instanceof Boolean ? value : NO_FIT;
      case TIMESTAMPTZ -> toEpochMicros(value);
      case JSON -> toJson(value);
    };
  }

  /**
   * Why {@code value} does not fit, completing "field 'x' is TYPE in table t but this record has
   * …".
   */
  String misfit(Object value) {
    if (this == TIMESTAMPTZ && value instanceof String s) {
      String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
      return parseTimestamp(s) == null && looksLikeFineTimestamp(s)
          ? "a date-time with more than microsecond precision ('" + shown + "')"
          : "a string that is not an ISO-8601 date-time with a UTC offset ('" + shown + "')";
    }
    if (this == JSON) {
      return "a value of type " + value.getClass().getName() + " that cannot be written as JSON";
    }
    return kindOf(value);
  }

  /** "a string", "an integer", … for messages. */
  static String kindOf(Object value) {
    return switch (value) {
      case null -> "null";
      case String s -> "a string";
      case Long l -> "an integer";
      case Integer i -> "an integer";
      case Short s -> "an integer";
      case Byte b -> "an integer";
      case BigInteger b -> "an integer";
      case Number n -> "a number";
      case Boolean b -> "a boolean";
      case Map<?, ?> m -> "an object";
      case List<?> l -> "an array";
      default -> "a " + value.getClass().getSimpleName();
    };
  }

  private static Object toText(Object value) {
    return switch (value) {
      case String s -> s;
      case BigDecimal d -> d.toPlainString();
      case Number n -> n.toString();
      case Boolean b -> b.toString();
      default -> NO_FIT;
    };
  }

  private static Object toLong(Object value) {
    return switch (value) {
      case Long l -> l;
      case Integer i -> (long) i;
      case Short s -> (long) s;
      case Byte b -> (long) b;
      case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : NO_FIT;
      case BigDecimal d -> {
        try {
          yield d.longValueExact();
        } catch (ArithmeticException e) {
          yield NO_FIT;
        }
      }
      case Double d -> integral(d);
      case Float f -> integral(f.doubleValue());
      default -> NO_FIT;
    };
  }

  private static Object integral(double d) {
    if (d == Math.rint(d) && d >= -TWO_POW_63 && d < TWO_POW_63) {
      return (long) d;
    }
    return NO_FIT;
  }

  private static Object toEpochMicros(Object value) {
    Instant instant =
        switch (value) {
          case String s -> {
            OffsetDateTime t = parseTimestamp(s);
            yield t == null ? null : t.toInstant();
          }
          case Instant i -> i.getNano() % 1000 == 0 ? i : null;
          case OffsetDateTime t -> t.getNano() % 1000 == 0 ? t.toInstant() : null;
          default -> null;
        };
    return instant == null ? NO_FIT : epochMicros(instant);
  }

  static long epochMicros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  private static Object toJson(Object value) {
    try {
      return Json.write(value);
    } catch (IllegalArgumentException e) {
      return NO_FIT;
    }
  }

  /**
   * An RFC 3339 date-time ({@code 2024-05-01T10:00:00Z}, {@code 2024-05-01 10:00:00.5+02:00}) with
   * at most microsecond precision, or {@code null}.
   */
  static OffsetDateTime parseTimestamp(String s) {
    OffsetDateTime t = parseAny(s);
    return t != null && t.getNano() % 1000 == 0 ? t : null;
  }

  private static boolean looksLikeFineTimestamp(String s) {
    return parseAny(s) != null;
  }

  private static OffsetDateTime parseAny(String s) {
    String text =
        s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
