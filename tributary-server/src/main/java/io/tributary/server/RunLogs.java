package io.tributary.server;

import io.tributary.engine.run.RunListener;
import io.tributary.engine.schedule.RunEventSink;
import io.tributary.engine.schedule.RunFinished;
import io.tributary.engine.schedule.SchedulerEvent;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last lines of what happened in each recent run, for {@code GET /api/runs/{id}/logs}: starts,
 * committed batches, stream ends, the run's end and scheduled retries. Memory is bounded twice: at
 * most {@code linesPerRun} lines per run (older lines are dropped and counted) and at most {@code
 * runs} runs (the oldest run's lines are forgotten). Lines never hold a secret or a record: they
 * are built from counts and the engine's already-scrubbed error messages.
 *
 * <p>Thread-safe.
 */
public final class RunLogs implements RunListener, RunEventSink {
  /**
   * One run's retained lines.
   *
   * @param lines the newest lines, oldest first
   * @param dropped how many older lines were dropped
   */
  public record Tail(List<String> lines, long dropped) {}

  private static final class Buffer {
    final Deque<String> lines = new ArrayDeque<>();
    long dropped;
  }

  private final Clock clock;
  private final int linesPerRun;
  private final Map<String, Buffer> byRun;

  public RunLogs(Clock clock, int linesPerRun, int runs) {
    if (linesPerRun < 1 || runs < 1) {
      throw new IllegalArgumentException("run logs need room for at least one line and one run");
    }
    this.clock = clock;
    this.linesPerRun = linesPerRun;
    this.byRun =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Buffer> e) {
            return size() > runs;
          }
        };
  }

  /** The retained lines of a run, if it is recent enough to be remembered. */
  public synchronized Optional<Tail> tail(String runId) {
    Buffer b = byRun.get(runId);
    return b == null ? Optional.empty() : Optional.of(new Tail(List.copyOf(b.lines), b.dropped));
  }

  private synchronized void line(String runId, String level, String text) {
    Buffer b = byRun.computeIfAbsent(runId, k -> new Buffer());
    if (b.lines.size() >= linesPerRun) {
      b.lines.removeFirst();
      b.dropped++;
    }
    b.lines.addLast(clock.instant() + " " + level + " " + text);
  }

  @Override
  public void started(String runId, String pipeline, List<String> streams) {
    line(
        runId,
        "INFO",
        "run of pipeline " + pipeline + " started; streams: " + String.join(", ", streams));
  }

  @Override
  public void progress(String runId, String stream, Counts c) {
    line(runId, "INFO", "stream " + stream + ": batch committed; " + describe(c));
  }

  @Override
  public void streamFinished(String runId, String stream, Counts c, String error) {
    if (error == null) {
      line(runId, "INFO", "stream " + stream + " finished; " + describe(c));
    } else {
      line(
          runId,
          "WARN",
          "stream " + stream + " ended with an error: " + error + "; " + describe(c));
    }
  }

  @Override
  public void runFinished(RunFinished event) {
    RunInfo r = event.run();
    String took =
        r.finishedAt() == null
            ? ""
            : " in " + Duration.between(r.startedAt(), r.finishedAt()).toMillis() + " ms";
    line(
        r.id(),
        r.error() == null ? "INFO" : "WARN",
        "run "
            + r.status().wire()
            + took
            + "; "
            + describe(r.counts())
            + (r.error() == null ? "" : "; error: " + r.error()));
    if (event.retryAt() != null) {
      line(r.id(), "INFO", "retry " + event.attempt() + " scheduled at " + event.retryAt());
    }
  }

  @Override
  public void schedulerEvent(SchedulerEvent event) {
    // run-less events have no run to attach to; retries are logged with the finished run
  }

  private static String describe(Counts c) {
    return c.read()
        + " read, "
        + c.written()
        + " written, "
        + c.unchanged()
        + " unchanged, "
        + c.duplicates()
        + " duplicates, "
        + c.quarantined()
        + " quarantined, "
        + c.filtered()
        + " filtered";
  }
}
