package io.tributary.engine.schedule;

import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.run.Cancellation;
import io.tributary.engine.run.RunIds;
import io.tributary.engine.run.RunListener;
import io.tributary.engine.run.RunOptions;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run executor that records what it was asked to run and ends each run with the next outcome
 * planned for its pipeline (succeeded when none is planned).
 */
final class FakeRuns implements Scheduler.RunExecutor {
  record Call(String pipeline, String trigger, RunOptions options, java.time.Instant at) {}

  private final Clock clock;
  private final RunIds ids;
  private final Map<String, Deque<RunStatus>> planned = new HashMap<>();
  final List<Call> calls = new ArrayList<>();

  FakeRuns(Clock clock) {
    this.clock = clock;
    this.ids = new RunIds(clock);
  }

  synchronized void plan(String pipeline, RunStatus... outcomes) {
    planned.computeIfAbsent(pipeline, k -> new ArrayDeque<>()).addAll(List.of(outcomes));
  }

  synchronized List<String> order() {
    return calls.stream().map(Call::pipeline).toList();
  }

  synchronized List<String> triggers(String pipeline) {
    return calls.stream().filter(c -> c.pipeline().equals(pipeline)).map(Call::trigger).toList();
  }

  @Override
  public RunInfo run(PipelineConfig p, RunOptions o, Cancellation c, RunListener l) {
    RunStatus status;
    String id = ids.next();
    synchronized (this) {
      calls.add(new Call(p.name(), o.trigger(), o, clock.instant()));
      Deque<RunStatus> d = planned.get(p.name());
      status = d == null || d.isEmpty() ? RunStatus.SUCCEEDED : d.pollFirst();
    }
    l.started(id, p.name(), List.of("items"));
    Counts counts = new Counts(10, status == RunStatus.SUCCEEDED ? 10 : 0, 0, 0, 0, 0);
    l.progress(id, "items", counts);
    l.streamFinished(id, "items", counts, status == RunStatus.SUCCEEDED ? null : "boom");
    return new RunInfo(
        id,
        p.name(),
        o.trigger(),
        status,
        clock.instant(),
        clock.instant(),
        counts,
        List.of(),
        status == RunStatus.SUCCEEDED ? null : "items: boom",
        o.describe());
  }
}
