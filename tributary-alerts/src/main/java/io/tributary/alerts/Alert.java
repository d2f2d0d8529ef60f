package io.tributary.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One incident: a rule's condition held for a subject (a pipeline, stream or source) from {@code
 * firedAt} until {@code resolvedAt}. Repeated matches while it fires are grouped into it ({@code
 * occurrences}); it is notified once when it fires, reminded at the rule's interval while it is
 * unacknowledged, and notified again when it resolves.
 *
 * <p>Every text field was built from a fixed set of values (pipeline, stream, rule, value,
 * threshold, run id, times) and scrubbed of the pipeline's secrets; an alert never holds a record.
 *
 * @param id the incident's id, stable for its lifetime; used by {@code ack} and as the idempotency
 *     key of the incident at channels that de-duplicate (PagerDuty's {@code dedup_key})
 * @param ruleId the rule's qualified id, {@code <pipeline>/<name>} or {@code global:<name>}
 * @param rule the rule's name
 * @param ruleType the rule's type, e.g. {@code freshness}
 * @param severity the rule's severity when it fired
 * @param pipeline the pipeline, or {@code null}
 * @param stream the stream, or {@code null}
 * @param source the source or metric, or {@code null}
 * @param status firing or resolved
 * @param summary one line saying what is wrong
 * @param value the last observed value, formatted
 * @param threshold the threshold, formatted
 * @param runId the last run that matched, or {@code null}
 * @param firedAt when it fired
 * @param lastSeenAt when the condition last held
 * @param resolvedAt when it resolved, or {@code null}
 * @param occurrences how often the condition held in this incident
 * @param acknowledgedAt when it was acknowledged, or {@code null}
 * @param acknowledgedBy who acknowledged it, or {@code null}
 * @param lastNotifiedAt when the last fired or reminder notification was made
 * @param channels the channels it is delivered to
 * @param notices its notifications, oldest first (the last few are kept)
 * @param history what happened to it, oldest first (the last entries are kept)
 */
public record Alert(
    String id,
    String ruleId,
    String rule,
    String ruleType,
    Severity severity,
    String pipeline,
    String stream,
    String source,
    AlertStatus status,
    String summary,
    String value,
    String threshold,
    String runId,
    Instant firedAt,
    Instant lastSeenAt,
    Instant resolvedAt,
    int occurrences,
    Instant acknowledgedAt,
    String acknowledgedBy,
    Instant lastNotifiedAt,
    List<String> channels,
    List<Notice> notices,
    List<Entry> history) {

  /** How many notices an alert keeps. */
  public static final int MAX_NOTICES = 20;

  /** How many history entries an alert keeps. */
  public static final int MAX_HISTORY = 50;

  public Alert {
    channels = channels == null ? List.of() : List.copyOf(channels);
    notices = notices == null ? List.of() : List.copyOf(notices);
    history = history == null ? List.of() : List.copyOf(history);
  }

  /**
   * One line of an alert's history.
   *
   * @param at when
   * @param what what happened, e.g. {@code delivered to team-slack}
   */
  public record Entry(Instant at, String what) {}

  public boolean firing() {
    return status == AlertStatus.FIRING;
  }

  public boolean acknowledged() {
    return acknowledgedAt != null;
  }

  public Optional<Notice> notice(String key) {
    return notices.stream().filter(n -> n.key().equals(key)).findFirst();
  }

  /** A builder holding this alert's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with the notice {@code key} changed by {@code change} (unchanged if absent). */
  public Alert withNotice(String key, UnaryOperator<Notice> change) {
    List<Notice> out = new ArrayList<>(notices.size());
    for (Notice n : notices) {
      out.add(n.key().equals(key) ? change.apply(n) : n);
    }
    return toBuilder().notices(out).build();
  }

  /** A copy with one more history entry (the oldest dropped beyond {@link #MAX_HISTORY}). */
  public Alert withHistory(Instant at, String what) {
    return toBuilder().addHistory(at, what).build();
  }

  /** Builds an {@link Alert}; not thread-safe. */
  public static final class Builder {
    private String id;
    private String ruleId;
    private String rule;
    private String ruleType;
    private Severity severity;
    private String pipeline;
    private String stream;
    private String source;
    private AlertStatus status;
    private String summary;
    private String value;
    private String threshold;
    private String runId;
    private Instant firedAt;
    private Instant lastSeenAt;
    private Instant resolvedAt;
    private int occurrences;
    private Instant acknowledgedAt;
    private String acknowledgedBy;
    private Instant lastNotifiedAt;
    private List<String> channels = List.of();
    private List<Notice> notices = new ArrayList<>();
    private List<Entry> history = new ArrayList<>();

    public Builder() {}

    private Builder(Alert a) {
      id = a.id;
      ruleId = a.ruleId;
      rule = a.rule;
      ruleType = a.ruleType;
      severity = a.severity;
      pipeline = a.pipeline;
      stream = a.stream;
      source = a.source;
      status = a.status;
      summary = a.summary;
      value = a.value;
      threshold = a.threshold;
      runId = a.runId;
      firedAt = a.firedAt;
      lastSeenAt = a.lastSeenAt;
      resolvedAt = a.resolvedAt;
      occurrences = a.occurrences;
      acknowledgedAt = a.acknowledgedAt;
      acknowledgedBy = a.acknowledgedBy;
      lastNotifiedAt = a.lastNotifiedAt;
      channels = a.channels;
      notices = new ArrayList<>(a.notices);
      history = new ArrayList<>(a.history);
    }

    public Builder id(String v) {
      id = v;
      return this;
    }

    public Builder ruleId(String v) {
      ruleId = v;
      return this;
    }

    public Builder rule(String v) {
      rule = v;
      return this;
    }

    public Builder ruleType(String v) {
      ruleType = v;
      return this;
    }

    public Builder severity(Severity v) {
      severity = v;
      return this;
    }

    public Builder pipeline(String v) {
      pipeline = v;
      return this;
    }

    public Builder stream(String v) {
      stream = v;
      return this;
    }

    public Builder source(String v) {
      source = v;
      return this;
    }

    public Builder status(AlertStatus v) {
      status = v;
      return this;
    }

    public Builder summary(String v) {
      summary = v;
      return this;
    }

    public Builder value(String v) {
      value = v;
      return this;
    }

    public Builder threshold(String v) {
      threshold = v;
      return this;
    }

    public Builder runId(String v) {
      runId = v;
      return this;
    }

    public Builder firedAt(Instant v) {
      firedAt = v;
      return this;
    }

    public Builder lastSeenAt(Instant v) {
      lastSeenAt = v;
      return this;
    }

    public Builder resolvedAt(Instant v) {
      resolvedAt = v;
      return this;
    }

    public Builder occurrences(int v) {
      occurrences = v;
      return this;
    }

    public Builder acknowledgedAt(Instant v) {
      acknowledgedAt = v;
      return this;
    }

    public Builder acknowledgedBy(String v) {
      acknowledgedBy = v;
      return this;
    }

    public Builder lastNotifiedAt(Instant v) {
      lastNotifiedAt = v;
      return this;
    }

    public Builder channels(List<String> v) {
      channels = v;
      return this;
    }

    public Builder notices(List<Notice> v) {
      notices = new ArrayList<>(v);
      return this;
    }

    /** Appends a notice, dropping the oldest beyond {@link #MAX_NOTICES}. */
    public Builder addNotice(Notice n) {
      notices.add(n);
      while (notices.size() > MAX_NOTICES) {
        notices.remove(0);
      }
      return this;
    }

    /** Appends a history entry, dropping the oldest beyond {@link #MAX_HISTORY}. */
    public Builder addHistory(Instant at, String what) {
      history.add(new Entry(at, what));
      while (history.size() > MAX_HISTORY) {
        history.remove(0);
      }
      return this;
    }

    public Alert build() {
      return new Alert(
          id,
          ruleId,
          rule,
          ruleType,
          severity,
          pipeline,
          stream,
          source,
          status,
          summary,
          value,
          threshold,
          runId,
          firedAt,
          lastSeenAt,
          resolvedAt,
          occurrences,
          acknowledgedAt,
          acknowledgedBy,
          lastNotifiedAt,
          channels,
          notices,
          history);
    }
  }
}
