package io.tributary.alerts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a notification about an alert was sent. */
public enum NoticeKind {
  /** The condition started to hold: a new incident. */
  FIRED,
  /** The incident is still open and unacknowledged after the rule's re-notify interval. */
  REMINDER,
  /** Someone acknowledged the alert (sent to channels that track incidents). */
  ACKNOWLEDGED,
  /** The condition cleared. */
  RESOLVED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static NoticeKind fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
