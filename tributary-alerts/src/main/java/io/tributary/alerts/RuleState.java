package io.tributary.alerts;

import java.time.Instant;
import java.util.List;

/**
 * What the alerting engine remembers about one rule and subject between events, so that a restart
 * continues where it stopped (a streak of two failures stays two).
 *
 * @param key the rule and subject, e.g. {@code shop/failures|shop||}
 * @param openAlertId the firing alert of this subject, or {@code null}
 * @param streak a counter (consecutive failed runs)
 * @param recent recent values (quarantined records of the last runs), oldest first
 * @param since when the subject was first seen
 * @param lastAt when the subject last had good news (new data) or a matching event
 * @param seen recently handled ids (run ids), oldest first
 */
public record RuleState(
    String key,
    String openAlertId,
    long streak,
    List<Double> recent,
    Instant since,
    Instant lastAt,
    List<String> seen) {

  public RuleState {
    recent = recent == null ? List.of() : List.copyOf(recent);
    seen = seen == null ? List.of() : List.copyOf(seen);
  }

  /** A fresh state first seen at {@code now}. */
  public static RuleState initial(String key, Instant now) {
    return new RuleState(key, null, 0, List.of(), now, null, List.of());
  }

  public RuleState withOpenAlertId(String v) {
    return new RuleState(key, v, streak, recent, since, lastAt, seen);
  }

  public RuleState withStreak(long v) {
    return new RuleState(key, openAlertId, v, recent, since, lastAt, seen);
  }

  public RuleState withRecent(List<Double> v) {
    return new RuleState(key, openAlertId, streak, v, since, lastAt, seen);
  }

  public RuleState withLastAt(Instant v) {
    return new RuleState(key, openAlertId, streak, recent, since, v, seen);
  }

  public RuleState withSeen(List<String> v) {
    return new RuleState(key, openAlertId, streak, recent, since, lastAt, v);
  }
}
