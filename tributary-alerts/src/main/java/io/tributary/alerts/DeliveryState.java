package io.tributary.alerts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where the delivery of one notification to one channel stands. */
public enum DeliveryState {
  /** Queued or being retried; re-queued after a restart. */
  PENDING,
  /** The channel accepted it. */
  DELIVERED,
  /** Given up: a permanent error or too many attempts. */
  FAILED,
  /** Dropped because the delivery queue was full of more urgent notifications. */
  DROPPED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static DeliveryState fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
