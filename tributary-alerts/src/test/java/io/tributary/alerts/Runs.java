package io.tributary.alerts;

import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.StreamRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds finished runs for tests. */
public final class Runs {
  private Runs() {}

  public static RunInfo run(String id, String pipeline, RunStatus status, Instant finishedAt) {
    return run(
        id, pipeline, status, finishedAt, Duration.ofMinutes(1), new Counts(10, 10, 0, 0, 0, 0));
  }

  public static RunInfo run(
      String id,
      String pipeline,
      RunStatus status,
      Instant finishedAt,
      Duration took,
      Counts counts,
      StreamRun... streams) {
    return new RunInfo(
        id,
        pipeline,
        "schedule",
        status,
        finishedAt.minus(took),
        finishedAt,
        counts,
        List.of(streams),
        status == RunStatus.FAILED ? "the source answered HTTP 503" : null,
        Map.of());
  }
}
