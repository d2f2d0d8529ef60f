package io.tributary.alerts;

import java.time.Instant;

/**
 * What a channel receives about one alert: a fixed set of fields, built by the alerting module and
 * already scrubbed of the pipeline's secrets. It never holds a record, an error message as thrown
 * or a channel's configuration.
 *
 * @param idempotencyKey unique per notification ({@code <alertId>.<kind>[.<n>]}); a receiver that
 *     sees the same key twice is seeing a re-delivery
 * @param alertId the incident's id, stable from firing to resolution (PagerDuty's {@code
 *     dedup_key})
 * @param kind why it is sent
 * @param severity the rule's severity
 * @param rule the rule's name
 * @param ruleType the rule's type, e.g. {@code consecutive_failures}
 * @param pipeline the pipeline, or {@code null} for events without one
 * @param stream the stream, or {@code null}
 * @param source the source or metric the alert is about, or {@code null}
 * @param value the observed value, formatted, e.g. {@code 0.82}
 * @param threshold the rule's threshold, formatted, e.g. {@code < 0.9}
 * @param runId the run that last matched, or {@code null}
 * @param firedAt when the incident started
 * @param at when this notification was made
 * @param resolvedAt when the incident cleared, or {@code null}
 * @param occurrences how often the condition held during this incident
 * @param acknowledgedBy who acknowledged it, or {@code null}
 * @param title one line for subjects and headers
 * @param text a few lines of {@code key: value} for bodies
 */
public record Notification(
    String idempotencyKey,
    String alertId,
    NoticeKind kind,
    Severity severity,
    String rule,
    String ruleType,
    String pipeline,
    String stream,
    String source,
    String value,
    String threshold,
    String runId,
    Instant firedAt,
    Instant at,
    Instant resolvedAt,
    int occurrences,
    String acknowledgedBy,
    String title,
    String text) {}
