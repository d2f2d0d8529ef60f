package io.tributary.connectors.file;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Compares cursor values and turns them into instants.
 *
 * <p>Two numbers compare numerically. Two strings compare as instants when both are ISO-8601 date
 * times (so {@code 2025-01-01T10:00:00+02:00} and {@code 2025-01-01T08:00:00Z} are equal), else as
 * text. Anything else cannot be compared.
 *
 * <p>For a backfill window a cursor becomes an instant: an ISO date-time with offset as is, one
 * without offset as UTC, a date as its start in UTC, a number as epoch seconds (epoch milliseconds
 * when its magnitude is at least 10<sup>11</sup>, i.e. after 1973 in milliseconds).
 */
final class Cursors {
  /** {@link #compare} returns this when the two values have no order. */
  static final int INCOMPARABLE = Integer.MIN_VALUE;

  private static final double MILLIS_THRESHOLD = 1e11;

  private Cursors() {}

  static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (x instanceof Long l && y instanceof Long m) {
        return Long.compare(l, m);
      }
      return Integer.signum(decimal(x).compareTo(decimal(y)));
    }
    if (a instanceof String x && b instanceof String y) {
      Instant ix = instant(x);
      Instant iy = ix == null ? null : instant(y);
      if (ix != null && iy != null) {
        return Integer.signum(ix.compareTo(iy));
      }
      return Integer.signum(x.compareTo(y));
    }
    return INCOMPARABLE;
  }

  /** The cursor as an instant, or {@code null} when it is not a time. */
  static Instant toInstant(Object v) {
    if (v instanceof String s) {
      return instant(s);
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        return null;
      }
      if (Math.abs(d) >= MILLIS_THRESHOLD) {
        return Instant.ofEpochMilli(n.longValue());
      }
      long seconds = (long) Math.floor(d);
      long nanos = Math.round((d - seconds) * 1e9);
      return Instant.ofEpochSecond(seconds, nanos);
    }
    return null;
  }

  /** True for an RFC 3339 date-time: date, time and a zone offset (e.g. {@code Z}). */
  static boolean isDateTime(String s) {
    if (!looksLikeDate(s) || s.length() < 20 || (s.charAt(10) != 'T' && s.charAt(10) != 't')) {
      return false;
    }
    try {
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Parses an ISO-8601 date-time (with or without offset, 'T' or space) or date; else null. */
  static Instant instant(String s) {
    if (!looksLikeDate(s)) {
      return null;
    }
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      String t = s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
      char last = t.charAt(t.length() - 1);
      if (last == 'Z' || last == 'z' || hasOffset(t)) {
        return OffsetDateTime.parse(t.replace('z', 'Z')).toInstant();
      }
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
      return null;
    }
  }

  private static boolean hasOffset(String t) {
    int n = t.length();
    return n > 6 && (t.charAt(n - 6) == '+' || t.charAt(n - 6) == '-') && t.charAt(n - 3) == ':';
  }

  /** A cheap shape test before parsing: {@code dddd-dd-dd} at the start. */
  private static boolean looksLikeDate(String s) {
    if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return false;
    }
    for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9}) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }
}
