package io.tributary.alerts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How urgent an alert is, from least to most. Written in lower case in YAML and JSON. */
public enum Severity {
  INFO,
  WARNING,
  ERROR,
  CRITICAL;

  /** The lower-case name used in YAML, JSON and messages, e.g. {@code critical}. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  @JsonCreator
  public static Severity fromWire(String s) {
    for (Severity v : values()) {
      if (v.wire().equals(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "severity must be one of info, warning, error, critical (was: " + s + ")");
  }

  /** Whether this is at least as urgent as {@code other}. */
  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
