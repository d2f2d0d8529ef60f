package io.tributary.http.internal.engine;

import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.internal.template.Template;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parsing, comparing and formatting incremental cursor values. */
public final class Cursors {
  private Cursors() {}

  /**
   * Parses a datetime: ISO-8601 instant, offset date-time (also in the basic form {@code
   * 20250101T120000Z}), local date-time (taken as UTC), date, or epoch seconds (epoch milliseconds
   * when larger than 10^11).
   *
   * @throws IllegalArgumentException when it is none of those
   */
  public static Instant parseInstant(Object v) {
    if (v instanceof Number n) {
      return fromEpoch(new BigDecimal(n.toString()));
    }
    String s = Template.text(v).trim();
    if (s.matches("-?\\d+(\\.\\d+)?")) {
      return fromEpoch(new BigDecimal(s));
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // next
    }
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]xx"))
          .toInstant();
    } catch (DateTimeParseException e) {
      // next
    }
    try {
      // the ISO-8601 basic form, e.g. GDELT's 20250101T120000Z
      return OffsetDateTime.parse(s, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")).toInstant();
    } catch (DateTimeParseException e) {
      // next
    }
    try {
      return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // next
    }
    try {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + s + "' is not a date or time");
    }
  }

  private static Instant fromEpoch(BigDecimal d) {
    BigDecimal millis =
        d.abs().compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0
            ? d
            : d.multiply(BigDecimal.valueOf(1000));
    return Instant.ofEpochMilli(millis.longValue());
  }

  /**
   * A comparable cursor value: Instant, BigDecimal or String.
   *
   * @throws IllegalArgumentException when the value does not fit the type
   */
  public static Comparable<?> parse(Object v, Manifest.CursorType type) {
    return switch (type) {
      case DATETIME -> parseInstant(v);
      case NUMBER -> new BigDecimal(Template.text(v).trim());
      case STRING -> Template.text(v);
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(Comparable<?> a, Comparable<?> b) {
    return ((Comparable) a).compareTo(b);
  }

  /** The text stored in state. */
  public static String store(Comparable<?> v) {
    return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
  }

  /** The text sent in a request as {@code cursor.from} / {@code cursor.to}. */
  public static String format(Comparable<?> v, Manifest.Incremental inc) {
    if (!(v instanceof Instant i)) {
      return store(v);
    }
    ZoneId zone = ZoneId.of(inc.requestZone());
    return switch (inc.requestFormat()) {
      case "iso" -> i.toString();
      case "epoch_seconds" -> Long.toString(i.getEpochSecond());
      case "epoch_millis" -> Long.toString(i.toEpochMilli());
      case "date" -> i.atZone(zone).toLocalDate().toString();
      default -> DateTimeFormatter.ofPattern(inc.requestFormat()).withZone(zone).format(i);
    };
  }
}
