package io.tributary.store.duckdb;

import static io.tributary.store.duckdb.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.StreamRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStoreRunsIT {
  @TempDir Path dir;
  private DuckDbStore store;

  @BeforeEach
  void open() {
    store = DuckDbStore.open(dir.resolve("tributary.duckdb"), Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static RunInfo started(String id, String pipeline, int minute) {
    return new RunInfo(
        id,
        pipeline,
        "cli",
        RunStatus.RUNNING,
        T0.plusSeconds(60L * minute),
        null,
        null,
        null,
        null,
        Map.of("full_refresh", true, "streams", List.of("posts")));
  }

  @Test
  void aRunRoundTripsWithItsStreamsAndCounts() {
    RunInfo run = started("0195a1b2-0000-7000-8000-000000000001", "reddit", 0);
    store.runStarted(run);
    assertThat(store.run(run.id())).contains(run);

    RunInfo finished =
        new RunInfo(
            run.id(),
            "reddit",
            "cli",
            RunStatus.PARTIALLY_FAILED,
            run.startedAt(),
            T0.plusSeconds(42),
            new Counts(100, 80, 10, 5, 4, 1),
            List.of(
                new StreamRun(
                    "posts",
                    "reddit.posts",
                    RunStatus.SUCCEEDED,
                    new Counts(60, 50, 5, 3, 2, 0),
                    1234,
                    null),
                new StreamRun(
                    "comments",
                    "reddit.comments",
                    RunStatus.FAILED,
                    new Counts(40, 30, 5, 2, 2, 1),
                    999,
                    "HTTP 503 after 5 retries")),
            "1 of 2 streams failed",
            run.options());
    store.runUpdated(finished);

    assertThat(store.run(run.id())).contains(finished);
    assertThat(store.run("0195a1b2")).contains(finished);
  }

  @Test
  void runsLeftRunningByADeadProcessAreMarkedFailedAtTheirLastHeartbeatWhenAWriterOpens() {
    RunInfo dead = started("0195a1b2-0000-7000-8000-00000000000a", "reddit", 0);
    store.runStarted(dead);
    RunInfo done = started("0195a1b2-0000-7000-8000-00000000000b", "other", 1);
    store.runStarted(done);
    RunInfo succeeded =
        new RunInfo(
            done.id(),
            "other",
            "cli",
            RunStatus.SUCCEEDED,
            done.startedAt(),
            T0.plusSeconds(90),
            new Counts(3, 3, 0, 0, 0, 0),
            List.of(),
            null,
            done.options());
    store.runUpdated(succeeded);
    // the process "dies": its store is closed without the run ever finishing
    store.close();

    // a read-only open (query, export) changes nothing
    try (DuckDbStore ro = DuckDbStore.openReadOnly(dir.resolve("tributary.duckdb"))) {
      assertThat(ro.run(dead.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }
    Clock later = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
    store = DuckDbStore.open(dir.resolve("tributary.duckdb"), later);
    RunInfo after = store.run(dead.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(RunStatus.FAILED);
    assertThat(after.finishedAt()).as("its last heartbeat, not now").isEqualTo(T0);
    assertThat(after.error()).contains("stopped before it finished");
    assertThat(store.run(done.id())).contains(succeeded);
  }

  @Test
  void runsAreListedNewestFirstAndFilteredByPipeline() {
    store.runStarted(started("r-1", "reddit", 1));
    store.runStarted(started("r-2", "github", 2));
    store.runStarted(started("r-3", "reddit", 3));

    assertThat(store.runs(null, 10)).extracting(RunInfo::id).containsExactly("r-3", "r-2", "r-1");
    assertThat(store.runs("reddit", 10)).extracting(RunInfo::id).containsExactly("r-3", "r-1");
    assertThat(store.runs(null, 1)).extracting(RunInfo::id).containsExactly("r-3");
  }

  @Test
  void anAmbiguousPrefixIsAnErrorThatNamesTheCandidates() {
    store.runStarted(started("abc-1", "reddit", 1));
    store.runStarted(started("abc-2", "reddit", 2));

    assertThatThrownBy(() -> store.run("abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'abc' matches 2 runs")
        .hasMessageContaining("abc-1")
        .hasMessageContaining("abc-2")
        .hasMessageContaining("give more characters");
    assertThat(store.run("abc-2")).map(RunInfo::id).contains("abc-2");
    assertThat(store.run("zzz")).isEmpty();
  }

  @Test
  void quotaGrantsExactlyTheLimitToConcurrentCallers() throws Exception {
    int threads = 8;
    int attempts = 100;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> granted = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        granted.add(
            pool.submit(
                () -> {
                  int mine = 0;
                  for (int i = 0; i < attempts; i++) {
                    if (store.tryConsume("api:key:day", T0, 1, 250)) {
                      mine++;
                    }
                  }
                  return mine;
                }));
      }
      int total = 0;
      for (Future<Integer> f : granted) {
        total += f.get();
      }

      assertThat(total).isEqualTo(250);
      assertThat(store.used("api:key:day", T0)).isEqualTo(250);
      assertThat(store.used("api:key:day", T0.plusSeconds(86_400))).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void quotaWindowsAndCostsAreKeptApart() {
    assertThat(store.tryConsume("b", T0, 7, 10)).isTrue();
    assertThat(store.tryConsume("b", T0, 4, 10)).isFalse();
    assertThat(store.tryConsume("b", T0, 3, 10)).isTrue();
    assertThat(store.tryConsume("b", T0.plusSeconds(3600), 10, 10)).isTrue();

    assertThat(store.used("b", T0)).isEqualTo(10);
    assertThat(store.used("b", T0.plusSeconds(3600))).isEqualTo(10);
    assertThatThrownBy(() -> store.tryConsume("b", T0, -1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cost must be >= 0");
  }
}
