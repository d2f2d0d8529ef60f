package io.tributary.connectors.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Jackson tokens into the plain Java values the SPI uses for payloads.
 *
 * <p>Numbers: an integer becomes a {@link Long}, or a {@link java.math.BigInteger} when it does not
 * fit in 64 bits. A decimal becomes a {@link Double} when the double prints back as the same
 * decimal value (always true for up to 15 significant digits and an ordinary exponent), otherwise a
 * {@link BigDecimal}, so no digit of the input is lost. Objects become insertion-ordered maps (a
 * repeated member keeps its last value), arrays become lists.
 *
 * <p>Stateless; safe to use from any thread.
 */
final class JsonValues {
  /** Up to this many significant digits a decimal always survives a trip through a double. */
  private static final int SAFE_DIGITS = 15;

  private JsonValues() {}

  /** Reads the value the parser's current token starts; leaves the parser on its last token. */
  static Object readValue(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> readObject(p);
      case START_ARRAY -> readArray(p);
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> integer(p);
      case VALUE_NUMBER_FLOAT -> decimal(p);
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IllegalStateException("unexpected JSON token " + t);
    };
  }

  /** Reads an object whose {@code START_OBJECT} is the parser's current token. */
  static Map<String, Object> readObject(JsonParser p) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    String name;
    while ((name = p.nextFieldName()) != null) {
      map.put(name, readValue(p, p.nextToken()));
    }
    return map;
  }

  private static List<Object> readArray(JsonParser p) throws IOException {
    List<Object> list = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      list.add(readValue(p, t));
    }
    return list;
  }

  private static Object integer(JsonParser p) throws IOException {
    return switch (p.getNumberType()) {
      case INT -> (long) p.getIntValue();
      case LONG -> p.getLongValue();
      default -> p.getBigIntegerValue();
    };
  }

  private static Object decimal(JsonParser p) throws IOException {
    if (fewDigits(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
      return p.getDoubleValue();
    }
    BigDecimal exact = p.getDecimalValue();
    double d = exact.doubleValue();
    if (Double.isFinite(d) && BigDecimal.valueOf(d).compareTo(exact) == 0) {
      return d;
    }
    return exact;
  }

  /**
   * True for a plain decimal (no exponent) with at most {@link #SAFE_DIGITS} significant digits.
   */
  private static boolean fewDigits(char[] text, int offset, int length) {
    int digits = 0;
    boolean leading = true;
    for (int i = offset, end = offset + length; i < end; i++) {
      char c = text[i];
      if (c >= '0' && c <= '9') {
        if (c != '0' || !leading) {
          leading = false;
          digits++;
        }
      } else if (c == 'e' || c == 'E') {
        return false;
      }
    }
    return digits <= SAFE_DIGITS;
  }
}
