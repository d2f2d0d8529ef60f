package io.tributary.engine.schedule;

import io.tributary.spi.store.Counts;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a run the scheduler has queued or is running.
 *
 * @param id the scheduler's id for it, known from the moment it is queued
 * @param runId the stored run's id once it started, else {@code null}
 * @param pipeline the pipeline's name
 * @param trigger {@code schedule}, {@code api}, {@code retry} or {@code dependency}
 * @param status {@code queued}, {@code running} or {@code cancelling}
 * @param priority its priority in the queue
 * @param attempt 1 for a first attempt, 2 for the first retry, ...
 * @param queuedAt when it was queued
 * @param startedAt when it started, or {@code null}
 * @param streams each stream's progress so far (counts of committed batches)
 * @param options how it was started (streams, window); never secrets
 */
public record LiveRun(
    String id,
    String runId,
    String pipeline,
    String trigger,
    String status,
    Priority priority,
    int attempt,
    Instant queuedAt,
    Instant startedAt,
    List<StreamProgress> streams,
    Map<String, Object> options) {

  /** Totals over all streams so far. */
  public Counts counts() {
    Counts c = Counts.ZERO;
    for (StreamProgress s : streams) {
      c = c.plus(s.counts());
    }
    return c;
  }

  /**
   * One stream of a live run.
   *
   * @param stream the stream's name
   * @param status {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
   * @param counts counts of the batches committed so far
   * @param error what went wrong, or {@code null}
   */
  public record StreamProgress(String stream, String status, Counts counts, String error) {}
}
