package io.tributary.spi.store;

import java.util.Locale;

/** Where a run or one stream of a run stands. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  PARTIALLY_FAILED,
  FAILED,
  CANCELLED;

  /** The lower-case name used in JSON, SQL and the CLI, e.g. {@code partially_failed}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }

  public boolean finished() {
    return this != QUEUED && this != RUNNING;
  }
}
