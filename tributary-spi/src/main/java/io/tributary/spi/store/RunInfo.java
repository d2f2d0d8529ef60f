package io.tributary.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One execution of a pipeline.
 *
 * @param id a unique id (UUIDv7-like, sortable by start time)
 * @param pipeline the pipeline's name
 * @param trigger who started it: {@code cli}, {@code schedule}, {@code api}, {@code quickstart}
 * @param status where it stands
 * @param startedAt when it started
 * @param finishedAt when it ended, or {@code null}
 * @param counts totals over all streams
 * @param streams per-stream results
 * @param error the run-level error, or {@code null}
 * @param options how it was started (stream filter, full refresh, backfill window); never secrets
 */
public record RunInfo(
    String id,
    String pipeline,
    String trigger,
    RunStatus status,
    Instant startedAt,
    Instant finishedAt,
    Counts counts,
    List<StreamRun> streams,
    String error,
    Map<String, Object> options) {

  public RunInfo {
    streams = streams == null ? List.of() : List.copyOf(streams);
    options = options == null ? Map.of() : options;
    counts = counts == null ? Counts.ZERO : counts;
  }
}
