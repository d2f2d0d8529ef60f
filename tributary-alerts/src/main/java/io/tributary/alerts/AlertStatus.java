package io.tributary.alerts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an alert stands: its condition still holds, or it has cleared. */
public enum AlertStatus {
  FIRING,
  RESOLVED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static AlertStatus fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
