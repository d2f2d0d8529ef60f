package io.tributary.alerts.internal;

import io.tributary.alerts.Severity;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.FieldType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The kinds of alert rule, each with its own declared settings. */
public enum RuleType {
  CONSECUTIVE_FAILURES(
      Severity.ERROR,
      "Fires when the last `threshold` runs of a pipeline failed in a row; resolves after a"
          + " successful run. Cancelled runs neither count nor reset.",
      List.of(
          ConfigField.integer("threshold")
              .atLeast(1)
              .defaultsTo(3L)
              .describe("How many failed runs in a row fire the alert."),
          ConfigField.bool("include_partial")
              .defaultsTo(false)
              .describe("Count partially failed runs (some streams failed) as failures too.")),
      List.of()),
  QUALITY_SCORE(
      Severity.WARNING,
      "Fires when a run's quality score, 1 − quarantined / checked records, is below"
          + " `threshold`; resolves when a later run scores at least `threshold`.",
      List.of(
          ConfigField.of("threshold", FieldType.NUMBER)
              .atLeast(0)
              .defaultsTo(0.9)
              .describe("The lowest acceptable score, between 0 and 1."),
          ConfigField.bool("per_stream")
              .defaultsTo(false)
              .describe("Score each stream on its own instead of the whole run."),
          ConfigField.integer("min_checked")
              .atLeast(1)
              .defaultsTo(1L)
              .describe("Ignore runs (or streams) that checked fewer records than this.")),
      List.of()),
  DURATION(
      Severity.WARNING,
      "Fires when a run took longer than `sla`; resolves when a later run finishes within it.",
      List.of(
          ConfigField.string("sla")
              .asRequired()
              .example("30m")
              .describe("The longest acceptable run, a duration such as `30m` or `2h`.")),
      List.of("sla")),
  ERROR_RATE(
      Severity.ERROR,
      "Fires when more than `threshold` of a source's HTTP requests failed within the last"
          + " `window` (at least `min_events` requests); resolves when the rate falls back or no"
          + " request was made for a whole window. Reads `http_request` events.",
      List.of(
          ConfigField.of("threshold", FieldType.NUMBER)
              .atLeast(0)
              .defaultsTo(0.1)
              .describe("The highest acceptable share of failed requests, between 0 and 1."),
          ConfigField.string("window")
              .defaultsTo("5m")
              .describe("The sliding window the rate is computed over."),
          ConfigField.integer("min_events")
              .atLeast(1)
              .defaultsTo(20L)
              .describe("Fewer requests than this in the window never fire.")),
      List.of("window")),
  FRESHNESS(
      Severity.WARNING,
      "Fires when a pipeline wrote no new data for longer than `max_age` (checked on every"
          + " tick); resolves when a run writes new data.",
      List.of(
          ConfigField.string("max_age")
              .defaultsTo("2h")
              .describe("How long a pipeline may go without new data.")),
      List.of("max_age")),
  RESPONSE_TIME(
      Severity.WARNING,
      "Fires when one HTTP request of a source took longer than `threshold`; resolves on the"
          + " next request of that source within it. Reads `http_request` events.",
      List.of(
          ConfigField.string("threshold")
              .defaultsTo("60s")
              .describe("The slowest acceptable response, a duration.")),
      List.of("threshold")),
  QUARANTINE_GROWTH(
      Severity.WARNING,
      "Fires when a run quarantined at least `min_records` records and at least `factor` times"
          + " the average of the previous `baseline_runs` runs; resolves when a run stays"
          + " below that.",
      List.of(
          ConfigField.of("factor", FieldType.NUMBER)
              .atLeast(1)
              .defaultsTo(2.0)
              .describe("How many times the recent average counts as growth."),
          ConfigField.integer("min_records")
              .atLeast(1)
              .defaultsTo(10L)
              .describe("Fewer quarantined records than this never fire."),
          ConfigField.integer("baseline_runs")
              .atLeast(1)
              .defaultsTo(5L)
              .describe("How many previous runs make the average.")),
      List.of()),
  ANOMALY(
      Severity.INFO,
      "Fires on an analytics anomaly (an `anomaly` event) with a score of at least"
          + " `min_score`, one alert per pipeline, stream and metric; resolves when no such"
          + " anomaly was reported for `resolve_after`.",
      List.of(
          ConfigField.of("min_score", FieldType.NUMBER)
              .defaultsTo(0.0)
              .describe("Ignore anomalies scored below this."),
          ConfigField.stringList("metrics").describe("Only these metrics; all when absent."),
          ConfigField.string("resolve_after")
              .defaultsTo("1h")
              .describe("Resolve after this long without a matching anomaly.")),
      List.of("resolve_after")),
  EVENT(
      Severity.WARNING,
      "Fires on any event of type `event` published by another module (for example"
          + " `pipeline_invalid` from the scheduler); resolves on an event of type `resolve_on`"
          + " or after `resolve_after` without a new one.",
      List.of(
          ConfigField.string("event")
              .asRequired()
              .example("pipeline_invalid")
              .describe("The event type that fires the alert."),
          ConfigField.string("resolve_on").describe("An event type that resolves the alert."),
          ConfigField.string("resolve_after")
              .defaultsTo("1h")
              .describe(
                  "Resolve after this long without a new event, or `never` (then only a"
                      + " `resolve_on` event resolves it; for conditions reported once, such as"
                      + " an invalid pipeline file).")),
      List.of("resolve_after"));

  private final Severity defaultSeverity;
  private final String description;
  private final List<ConfigField> fields;
  private final List<String> durationFields;

  RuleType(
      Severity defaultSeverity,
      String description,
      List<ConfigField> fields,
      List<String> durationFields) {
    this.defaultSeverity = defaultSeverity;
    this.description = description;
    this.fields = fields;
    this.durationFields = durationFields;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RuleType> fromWire(String s) {
    return Arrays.stream(values()).filter(t -> t.wire().equals(s)).findFirst();
  }

  public static List<String> wires() {
    return Arrays.stream(values()).map(RuleType::wire).toList();
  }

  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  public String description() {
    return description;
  }

  /** The settings of this type only. */
  public List<ConfigField> fields() {
    return fields;
  }

  /** Fields whose value must be a duration. */
  public List<String> durationFields() {
    return durationFields;
  }

  /**
   * The value of a duration field that turns its expiry off, where {@link #neverAllowed} says so.
   */
  public static final String NEVER = "never";

  /** Whether duration field {@code field} may be {@value #NEVER}. */
  public boolean neverAllowed(String field) {
    return this == EVENT && field.equals("resolve_after");
  }

  /** Fields whose number must be at most 1. */
  public List<String> fractionFields() {
    return switch (this) {
      case QUALITY_SCORE, ERROR_RATE -> List.of("threshold");
      default -> List.of();
    };
  }

  /** Every field a rule of this type accepts: the common ones, then its own. */
  public List<ConfigField> allFields(boolean global) {
    List<ConfigField> all = new ArrayList<>(Specs.commonRuleFields(this, global));
    all.addAll(fields);
    return all;
  }
}
