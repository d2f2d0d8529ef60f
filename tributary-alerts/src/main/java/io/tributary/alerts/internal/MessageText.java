package io.tributary.alerts.internal;

import io.tributary.alerts.Alert;
import io.tributary.alerts.NoticeKind;
import io.tributary.alerts.Notification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Builds notification texts from an alert's fixed fields only (pipeline, stream, source, rule,
 * value, threshold, run id, times), each shortened and scrubbed. Nothing else reaches a channel.
 */
public final class MessageText {
  static final int MAX_FIELD = 200;

  private MessageText() {}

  /** The notification of {@code kind} about {@code a}, made at {@code at}. */
  public static Notification notification(Alert a, NoticeKind kind, Instant at, Scrubber scrubber) {
    String key =
        a.id() + "." + kind.wire() + (kind == NoticeKind.REMINDER ? "." + at.getEpochSecond() : "");
    String where = a.pipeline() == null ? "(no pipeline)" : a.pipeline();
    if (a.stream() != null) {
      where += "/" + a.stream();
    }
    String headline =
        switch (kind) {
          case FIRED -> "FIRING";
          case REMINDER -> "STILL FIRING";
          case ACKNOWLEDGED -> "ACKNOWLEDGED";
          case RESOLVED -> "RESOLVED";
        };
    String title =
        "["
            + a.severity().wire().toUpperCase(Locale.ROOT)
            + "] "
            + headline
            + " "
            + where
            + ": "
            + a.summary();
    StringBuilder text = new StringBuilder();
    line(text, "Rule", a.rule() + " (" + a.ruleType() + ")");
    line(text, "Pipeline", a.pipeline());
    line(text, "Stream", a.stream());
    line(text, "Source", a.source());
    line(text, "Value", a.value());
    line(text, "Threshold", a.threshold());
    line(text, "Run", a.runId());
    line(text, "Fired at", time(a.firedAt()));
    if (kind == NoticeKind.REMINDER || a.occurrences() > 1) {
      line(text, "Occurrences", String.valueOf(a.occurrences()));
      line(text, "Last seen at", time(a.lastSeenAt()));
    }
    line(text, "Resolved at", time(a.resolvedAt()));
    line(text, "Acknowledged by", a.acknowledgedBy());
    line(text, "Alert id", a.id());
    return new Notification(
        key,
        a.id(),
        kind,
        a.severity(),
        scrubber.clip(a.rule(), MAX_FIELD),
        a.ruleType(),
        scrubber.clip(a.pipeline(), MAX_FIELD),
        scrubber.clip(a.stream(), MAX_FIELD),
        scrubber.clip(a.source(), MAX_FIELD),
        scrubber.clip(a.value(), MAX_FIELD),
        scrubber.clip(a.threshold(), MAX_FIELD),
        scrubber.clip(a.runId(), MAX_FIELD),
        a.firedAt(),
        at,
        a.resolvedAt(),
        a.occurrences(),
        scrubber.clip(a.acknowledgedBy(), MAX_FIELD),
        scrubber.clip(title, 2 * MAX_FIELD),
        scrubber.scrub(text.toString()));
  }

  private static void line(StringBuilder sb, String label, String value) {
    if (value != null && !value.isEmpty()) {
      sb.append(label).append(": ").append(value.replace('\n', ' ')).append('\n');
    }
  }

  static String time(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
