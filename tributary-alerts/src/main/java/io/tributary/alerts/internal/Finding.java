package io.tributary.alerts.internal;

/**
 * What a rule observed when its condition held (or was checked), as display strings.
 *
 * @param stream the stream, or {@code null}
 * @param source the source or metric, or {@code null}
 * @param value the observed value
 * @param threshold the threshold it broke
 * @param summary one line saying what is wrong
 * @param runId the run, or {@code null}
 */
public record Finding(
    String stream, String source, String value, String threshold, String summary, String runId) {}
