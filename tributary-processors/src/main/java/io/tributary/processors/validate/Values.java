package io.tributary.processors.validate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Showing values in messages, and comparing numbers of mixed types exactly. */
final class Values {
  private static final int MAX_SHOWN = 60;
  private static final long EXACT_IN_DOUBLE = 1L << 53;

  private Values() {}

  /** A short rendering of one value: strings quoted and cut, containers only described. */
  static String show(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      String cut = s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "…" : s;
      return "'" + cut + "'";
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Map<?, ?> m) {
      return m.isEmpty() ? "an empty object" : "an object";
    }
    if (v instanceof List<?> l) {
      return l.isEmpty() ? "an empty list" : "a list of " + l.size();
    }
    return String.valueOf(v);
  }

  /** What kind of JSON value it is, for "… is X, not a number" messages. */
  static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String) {
      return "text";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof Map<?, ?>) {
      return "an object";
    }
    if (v instanceof List<?>) {
      return "a list";
    }
    return v.getClass().getSimpleName();
  }

  /** Compares two numbers exactly, whatever their boxed types. */
  static int compare(Number a, Number b) {
    if (integral(a) && integral(b)) {
      return Long.compare(a.longValue(), b.longValue());
    }
    if (smallOrDouble(a) && smallOrDouble(b)) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    return decimal(a).compareTo(decimal(b));
  }

  /** A number as a canonical decimal, so 1, 1L and 1.0 are equal keys. */
  static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (integral(n)) {
      return BigDecimal.valueOf(n.longValue());
    }
    return new BigDecimal(Double.toString(n.doubleValue()));
  }

  private static boolean integral(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }

  private static boolean smallOrDouble(Number n) {
    if (n instanceof Double || n instanceof Float) {
      return true;
    }
    return integral(n) && Math.abs(n.longValue()) <= EXACT_IN_DOUBLE;
  }
}
