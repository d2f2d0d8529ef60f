package io.tributary.engine.schedule;

import java.util.Locale;

/** Which queued run starts first when runs wait for a free slot; FIFO within one priority. */
public enum Priority {
  HIGH,
  NORMAL,
  LOW;

  /** The name in JSON, e.g. {@code high}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code high}, {@code normal} or {@code low}.
   *
   * @throws IllegalArgumentException saying what to write
   */
  public static Priority parse(String text) {
    for (Priority p : values()) {
      if (p.wire().equals(text)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "'priority' must be one of high, normal, low (was: " + text + ")");
  }
}
