package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.schedule.RunFinished;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.testkit.MemoryStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunHistoryTest {
  static RunInfo run(int i, String pipeline, RunStatus status) {
    Instant t = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i);
    return new RunInfo(
        String.format("run-%03d", i),
        pipeline,
        "api",
        status,
        t,
        status.finished() ? t.plusSeconds(1) : null,
        Counts.ZERO,
        List.of(),
        null,
        Map.of());
  }

  @Test
  void loadsFinishedRunsAndAnswersFromMemoryWhileItHoldsEverything() {
    MemoryStore store = new MemoryStore();
    store.runStarted(run(1, "a", RunStatus.SUCCEEDED));
    store.runStarted(run(2, "b", RunStatus.FAILED));
    store.runStarted(run(3, "a", RunStatus.RUNNING)); // live runs come from the scheduler
    RunHistory h = new RunHistory(store, 10);
    RunHistory.Slice all = h.newest(r -> true, 50);
    assertThat(all.runs()).extracting(RunInfo::id).containsExactly("run-002", "run-001");
    assertThat(all.enough()).isTrue();
    assertThat(h.newest(r -> r.pipeline().equals("a"), 50).runs())
        .extracting(RunInfo::id)
        .containsExactly("run-001");
    assertThat(h.byId("run-002")).isPresent();
    assertThat(h.byId("run-003")).isEmpty();
  }

  @Test
  void finishedRunsAreAddedAndTheOldestDroppedBeyondCapacity() {
    MemoryStore store = new MemoryStore();
    RunHistory h = new RunHistory(store, 2);
    for (int i = 1; i <= 3; i++) {
      h.runFinished(new RunFinished(run(i, "a", RunStatus.SUCCEEDED), "src", 1, null, 0));
    }
    RunHistory.Slice s = h.newest(r -> true, 5);
    assertThat(s.runs()).extracting(RunInfo::id).containsExactly("run-003", "run-002");
    assertThat(s.enough()).as("run-001 was dropped: ask the store").isFalse();
    assertThat(h.newest(r -> true, 2).enough()).isTrue();
    // a finished run reported again (e.g. updated) replaces its earlier version
    h.runFinished(new RunFinished(run(3, "a", RunStatus.FAILED), "src", 1, null, 1));
    assertThat(h.newest(r -> true, 5).runs().getFirst().status()).isEqualTo(RunStatus.FAILED);
    assertThat(h.newest(r -> true, 5).runs()).hasSize(2);
  }

  @Test
  void aFullStoreAtLoadIsNotAssumedComplete() {
    MemoryStore store = new MemoryStore();
    for (int i = 1; i <= 3; i++) {
      store.runStarted(run(i, "a", RunStatus.SUCCEEDED));
    }
    RunHistory h = new RunHistory(store, 3);
    assertThat(h.newest(r -> true, 10).enough()).isFalse();
  }
}
