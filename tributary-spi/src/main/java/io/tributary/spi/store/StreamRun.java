package io.tributary.spi.store;

/**
 * One stream's part of a run.
 *
 * @param stream the stream's name
 * @param table where its records went
 * @param status how it ended
 * @param counts its record counts
 * @param durationMs how long it took
 * @param error what went wrong, or {@code null}
 */
public record StreamRun(
    String stream, String table, RunStatus status, Counts counts, long durationMs, String error) {}
