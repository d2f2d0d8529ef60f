package io.tributary.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.config.ScheduleConfig;
import io.tributary.engine.run.Failpoints;
import io.tributary.engine.run.PipelineRunner;
import io.tributary.engine.run.RunOptions;
import io.tributary.spi.ConfigException;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.testkit.MemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
  static final Instant START = Instant.parse("2025-01-10T10:00:30Z");

  @TempDir Path dir;
  FakeClock clock;
  FakeRuns runs;
  ManualExecutor threads;
  RecordingSink sink;
  ScheduleStateStore state;
  TestPipelines files;

  static final Ticker NO_LOOP =
      new Ticker() {
        @Override
        public void awaitUntil(Instant deadline) {}

        @Override
        public void wake() {}
      };

  @BeforeEach
  void setUp() {
    clock = new FakeClock(START);
    runs = new FakeRuns(clock);
    threads = new ManualExecutor();
    sink = new RecordingSink();
    state = ScheduleStateStore.inMemory();
    files = new TestPipelines(dir);
  }

  SchedulerSettings settings() {
    return SchedulerSettings.defaults().withReloadEvery(Duration.ZERO);
  }

  Scheduler scheduler(SchedulerSettings settings) {
    return scheduler(settings, runs, state);
  }

  Scheduler scheduler(
      SchedulerSettings settings, Scheduler.RunExecutor executor, ScheduleStateStore store) {
    Scheduler s =
        Scheduler.builder(files.directory(), executor, store, clock)
            .settings(settings)
            .runThreads(threads)
            .ticker(NO_LOOP)
            .sink(sink)
            .build();
    s.reload();
    return s;
  }

  static String every(String interval, String catchUp) {
    return "schedule:\n  every: " + interval + "\n  catch_up: " + catchUp + "\n";
  }

  @Test
  void tickDuringARunIsSkippedAndRecorded() {
    files.write("a", "alpha", every("1m", "run_once"));
    Scheduler s = scheduler(settings());
    assertThat(s.job("a").orElseThrow().nextFireAt())
        .isEqualTo(Instant.parse("2025-01-10T10:01:00Z"));

    clock.set(Instant.parse("2025-01-10T10:01:00Z"));
    s.tick();
    assertThat(threads.pending()).isEqualTo(1); // started, still running

    clock.set(Instant.parse("2025-01-10T10:02:00Z"));
    s.tick();
    assertThat(threads.pending()).isEqualTo(1);
    var skipped = sink.of(SchedulerEvent.TickSkipped.class);
    assertThat(skipped).hasSize(1);
    assertThat(skipped.getFirst().pipeline()).isEqualTo("a");
    assertThat(skipped.getFirst().slot()).isEqualTo(Instant.parse("2025-01-10T10:02:00Z"));
    assertThat(skipped.getFirst().blockingRun()).isNotBlank();

    threads.runAll();
    assertThat(runs.triggers("a")).containsExactly("schedule");
    clock.set(Instant.parse("2025-01-10T10:03:00Z"));
    s.tick();
    threads.runAll();
    assertThat(runs.triggers("a")).containsExactly("schedule", "schedule");
    assertThat(s.job("a").orElseThrow().lastStatus()).isEqualTo("succeeded");
  }

  @Test
  void lateTickWithinGraceFiresNormallyWithoutCatchUp() {
    files.write("a", "alpha", every("1h", "skip"));
    Scheduler s = scheduler(settings());
    clock.set(Instant.parse("2025-01-10T11:00:20Z"));
    s.tick();
    threads.runAll();
    assertThat(runs.calls).hasSize(1);
    assertThat(sink.of(SchedulerEvent.CaughtUp.class)).isEmpty();
  }

  /** Runs once at 11:00, "goes down" until 16:30, then starts again on the same state. */
  private Scheduler restartAfterDowntime(String catchUp, SchedulerSettings settings) {
    files.write("a", "alpha", every("1h", catchUp));
    Scheduler first = scheduler(settings);
    clock.set(Instant.parse("2025-01-10T11:00:00Z"));
    first.tick();
    threads.runAll();
    first.close();
    assertThat(runs.calls).hasSize(1);
    runs.calls.clear();
    clock.set(Instant.parse("2025-01-10T16:30:00Z")); // 12:00..16:00 missed: 5 fire times
    return scheduler(settings);
  }

  @Test
  void catchUpSkipStartsNothingForMissedFireTimes() {
    Scheduler s = restartAfterDowntime("skip", settings());
    s.tick();
    threads.runAll();
    assertThat(runs.calls).isEmpty();
    var caught = sink.of(SchedulerEvent.CaughtUp.class);
    assertThat(caught).singleElement().satisfies(c -> assertThat(c.missed()).isEqualTo(5));
    assertThat(caught.getFirst().runs()).isZero();
    assertThat(s.job("a").orElseThrow().nextFireAt())
        .isEqualTo(Instant.parse("2025-01-10T17:00:00Z"));
  }

  @Test
  void catchUpRunOnceStartsOneRunForAllMissedFireTimes() {
    Scheduler s = restartAfterDowntime("run_once", settings());
    s.tick();
    threads.runAll();
    assertThat(runs.triggers("a")).containsExactly("schedule");
    assertThat(sink.of(SchedulerEvent.CaughtUp.class).getFirst().runs()).isEqualTo(1);
  }

  @Test
  void catchUpRunAllMakesUpAtMostNRunsOneAfterTheOther() {
    SchedulerSettings settings =
        new SchedulerSettings(4, 2, Map.of(), RetryPolicy.NONE, 3, null, Duration.ZERO, null);
    Scheduler s = restartAfterDowntime("run_all", settings);
    s.tick();
    assertThat(threads.pending()).isEqualTo(1); // no overlap: one at a time
    assertThat(s.queueDepth()).isEqualTo(2);
    threads.runAll();
    assertThat(runs.triggers("a")).containsExactly("schedule", "schedule", "schedule");
    assertThat(sink.of(SchedulerEvent.CaughtUp.class).getFirst().missed()).isEqualTo(5);
    assertThat(s.job("a").orElseThrow().catchUp()).isEqualTo("run_all (max 3)");
  }

  @Test
  void downstreamRunsOnlyAfterEveryUpstreamSucceededSinceItsLastRun() {
    files.write("up1", "alpha", null);
    files.write("up2", "beta", null);
    files.write("down", "alpha", "after: [up1, up2]\n");
    runs.plan("up2", RunStatus.FAILED);
    SchedulerSettings settings = settings().withRetry(RetryPolicy.NONE);
    Scheduler s = scheduler(settings);

    s.trigger("up1", RunOptions.cli(), null);
    threads.runAll();
    clock.advance(Duration.ofSeconds(1));
    s.trigger("up2", RunOptions.cli(), null); // fails
    threads.runAll();
    assertThat(runs.order()).containsExactly("up1", "up2");

    clock.advance(Duration.ofSeconds(1));
    s.trigger("up2", RunOptions.cli(), null); // succeeds: both upstreams now fine
    threads.runAll();
    assertThat(runs.order()).containsExactly("up1", "up2", "up2", "down");
    assertThat(runs.triggers("down")).containsExactly("dependency");

    clock.advance(Duration.ofSeconds(1));
    s.trigger("up1", RunOptions.cli(), null); // up2 has not succeeded again since
    threads.runAll();
    assertThat(runs.triggers("down")).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    s.trigger("up2", RunOptions.cli(), null);
    threads.runAll();
    assertThat(runs.triggers("down")).hasSize(2);
  }

  @Test
  void dependencyCycleAndUnknownUpstreamAreReported() {
    files.write("x", "alpha", "after: [y]\n");
    files.write("y", "alpha", "after: [x]\n");
    files.write("z", "alpha", "after: [nope]\n");
    scheduler(settings());
    var problems = sink.of(SchedulerEvent.DependencyProblem.class);
    assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("cycle"));
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p.pipeline()).isEqualTo("z");
              assertThat(p.message()).contains("'nope'");
            });
  }

  @Test
  void higherPriorityStartsFirstWhenRunsQueue() {
    for (String n : List.of("blocker", "l", "n", "h")) {
      files.write(n, "alpha", null);
    }
    Scheduler s = scheduler(settings().withConcurrency(1, 1));
    s.trigger("blocker", RunOptions.cli(), null);
    s.trigger("l", RunOptions.cli(), Priority.LOW);
    s.trigger("n", RunOptions.cli(), null);
    s.trigger("h", RunOptions.cli(), Priority.HIGH);
    assertThat(threads.pending()).isEqualTo(1);
    assertThat(s.queueDepth()).isEqualTo(3);
    threads.runAll();
    assertThat(runs.order()).containsExactly("blocker", "h", "n", "l");
  }

  @Test
  void perSourceCapHoldsRunsOfThatSourceButNotOthers() {
    files.write("a1", "alpha", null);
    files.write("a2", "alpha", null);
    files.write("b1", "beta", null);
    Scheduler s = scheduler(settings().withConcurrency(4, 1));
    s.trigger("a1", RunOptions.cli(), null);
    s.trigger("a2", RunOptions.cli(), null);
    s.trigger("b1", RunOptions.cli(), null);
    assertThat(threads.pending()).isEqualTo(2);
    assertThat(s.runningCount()).isEqualTo(2);
    assertThat(s.activeRuns())
        .filteredOn(r -> r.status().equals("queued"))
        .extracting(LiveRun::pipeline)
        .containsExactly("a2");
    threads.runAll();
    assertThat(runs.order()).containsExactly("a1", "b1", "a2");
  }

  @Test
  void secondTriggerWhileQueuedOrRunningIsRefused() {
    files.write("a", "alpha", null);
    Scheduler s = scheduler(settings());
    LiveRun first = s.trigger("a", RunOptions.cli(), null);
    assertThatThrownBy(() -> s.trigger("a", RunOptions.cli(), null))
        .isInstanceOfSatisfying(
            SchedulerException.class,
            e -> assertThat(e.reason()).isEqualTo(SchedulerException.Reason.ALREADY_ACTIVE))
        .hasMessageContaining("already has a running run");
    assertThatThrownBy(() -> s.trigger("nope", RunOptions.cli(), null))
        .hasMessageContaining("no pipeline named 'nope'")
        .hasMessageContaining("known: a");
    assertThat(first.status()).isEqualTo("running");
  }

  @Test
  void failedRunIsRetriedWithBackoffUntilItSucceeds() {
    files.write("f", "alpha", null);
    runs.plan("f", RunStatus.FAILED, RunStatus.PARTIALLY_FAILED, RunStatus.SUCCEEDED);
    RetryPolicy policy = new RetryPolicy(2, Duration.ofMinutes(1), 2, Duration.ofHours(1));
    Scheduler s = scheduler(settings().withRetry(policy));

    s.trigger("f", RunOptions.cli(), null);
    threads.runAll();
    JobView j = s.job("f").orElseThrow();
    assertThat(j.retryAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
    assertThat(j.consecutiveFailures()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(59));
    s.tick();
    assertThat(threads.pending()).isZero();
    clock.advance(Duration.ofSeconds(1));
    s.tick();
    threads.runAll(); // partially fails: second retry two minutes later
    assertThat(s.job("f").orElseThrow().retryAt())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

    clock.advance(Duration.ofMinutes(2));
    s.tick();
    threads.runAll();
    assertThat(runs.triggers("f")).containsExactly("api", "retry", "retry");
    assertThat(sink.finished).extracting(RunFinished::attempt).containsExactly(1, 2, 3);
    assertThat(sink.of(SchedulerEvent.RetryScheduled.class)).hasSize(2);
    j = s.job("f").orElseThrow();
    assertThat(j.retryAt()).isNull();
    assertThat(j.consecutiveFailures()).isZero();
    assertThat(j.lastSuccessAt()).isEqualTo(clock.instant());
  }

  @Test
  void retriesStopAfterThePolicysLimit() {
    files.write("f", "alpha", null);
    runs.plan("f", RunStatus.FAILED, RunStatus.FAILED, RunStatus.FAILED);
    Scheduler s =
        scheduler(
            settings()
                .withRetry(new RetryPolicy(1, Duration.ofSeconds(10), 1, Duration.ofSeconds(10))));
    s.trigger("f", RunOptions.cli(), null);
    threads.runAll();
    clock.advance(Duration.ofSeconds(10));
    s.tick();
    threads.runAll();
    clock.advance(Duration.ofHours(1));
    s.tick();
    threads.runAll();
    assertThat(runs.calls).hasSize(2);
    assertThat(sink.finished.getLast().retryAt()).isNull();
    assertThat(sink.finished.getLast().consecutiveFailures()).isEqualTo(2);
  }

  @Test
  void runThatCannotStartBecauseOfItsConfigIsReportedAndNotRetried() {
    files.write("c", "alpha", null);
    Scheduler.RunExecutor broken =
        (p, o, c, l) -> {
          throw new ConfigException("source.config.count: must be at least 0");
        };
    Scheduler s = scheduler(settings(), broken, state);
    s.trigger("c", RunOptions.cli(), null);
    threads.runAll();
    var notStarted = sink.of(SchedulerEvent.RunNotStarted.class);
    assertThat(notStarted).singleElement().satisfies(e -> assertThat(e.error()).contains("count"));
    assertThat(s.job("c").orElseThrow().retryAt()).isNull();
    assertThat(s.job("c").orElseThrow().lastStatus()).isEqualTo("not_started");
  }

  @Test
  void pausedJobStartsNothingAndResumeDoesNotMakeUpThePause() {
    files.write("p", "alpha", every("1m", "run_all"));
    Scheduler s = scheduler(settings());
    assertThat(s.pause("p").paused()).isTrue();
    assertThat(s.job("p").orElseThrow().nextFireAt()).isNull();
    clock.set(Instant.parse("2025-01-10T10:05:30Z"));
    s.tick();
    assertThat(threads.pending()).isZero();

    JobView resumed = s.resume("p");
    assertThat(resumed.paused()).isFalse();
    assertThat(resumed.nextFireAt()).isEqualTo(Instant.parse("2025-01-10T10:06:00Z"));
    s.tick();
    assertThat(threads.pending()).isZero();
    clock.set(Instant.parse("2025-01-10T10:06:00Z"));
    s.tick();
    threads.runAll();
    assertThat(runs.calls).hasSize(1);
    assertThat(sink.of(SchedulerEvent.CaughtUp.class)).isEmpty();
  }

  @Test
  void reloadKeepsThePreviousVersionWhenAFileTurnsInvalid() {
    Path file = files.write("r", "alpha", every("1h", "skip"));
    Scheduler s = scheduler(settings());
    assertThat(s.job("r").orElseThrow().schedule()).isEqualTo("every 1h");

    files.write("r", "alpha", every("6x", "skip"));
    s.reload();
    var invalid = sink.of(SchedulerEvent.PipelineInvalid.class);
    assertThat(invalid)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.keptPrevious()).isTrue();
              assertThat(i.pipeline()).isEqualTo("r");
              assertThat(i.file()).isEqualTo(file);
              assertThat(String.join("\n", i.problems()))
                  .contains("schedule.every")
                  .contains("r.yaml:");
            });
    assertThat(s.job("r").orElseThrow().schedule()).isEqualTo("every 1h");
    assertThat(s.invalidFiles()).hasSize(1);
    s.trigger("r", RunOptions.cli(), null); // the old version still runs
    threads.runAll();
    assertThat(runs.calls).hasSize(1);

    files.write("r", "alpha", every("2h", "skip"));
    s.reload();
    assertThat(s.job("r").orElseThrow().schedule()).isEqualTo("every 2h");
    assertThat(s.invalidFiles()).isEmpty();
    assertThat(sink.of(SchedulerEvent.PipelineLoaded.class).getLast().changed()).isTrue();
  }

  @Test
  void newInvalidFileIsReportedAndRemovedFileUnscheduled() {
    files.write("a", "alpha", null);
    files.writeRaw("broken.yaml", "name: broken\nsource: [nope\n");
    Scheduler s = scheduler(settings());
    assertThat(sink.of(SchedulerEvent.PipelineInvalid.class))
        .singleElement()
        .satisfies(i -> assertThat(i.keptPrevious()).isFalse());
    assertThat(s.jobs()).extracting(JobView::pipeline).containsExactly("a");

    files.delete("a.yaml");
    s.reload();
    assertThat(s.jobs()).isEmpty();
    assertThat(sink.of(SchedulerEvent.PipelineRemoved.class))
        .extracting(SchedulerEvent::pipeline)
        .containsExactly("a");
  }

  @Test
  void duplicatePipelineNamesAreRefused() {
    files.write("a", "alpha", null);
    files.writeRaw("b.yaml", "name: a\nsource:\n  connector: beta\n");
    Scheduler s = scheduler(settings());
    assertThat(s.job("a").orElseThrow().source()).isEqualTo("alpha");
    assertThat(sink.of(SchedulerEvent.PipelineInvalid.class))
        .singleElement()
        .satisfies(i -> assertThat(i.problems().getFirst()).contains("already used by"));
  }

  @Test
  void pauseStateLastFireTimesAndOverridesSurviveARestart() throws Exception {
    Path stateFile = dir.resolve("data/schedules.json");
    files.write("a", "alpha", every("1h", "skip"));
    files.write("b", "beta", every("1h", "skip"));
    Scheduler first = scheduler(settings(), runs, new JsonFileScheduleStateStore(stateFile, clock));
    first.pause("b");
    first.setOverride(
        "a",
        new JobOverride(
            new ScheduleConfig("0 6 * * *", null, null, "Europe/Berlin", "run_once"),
            false,
            Priority.HIGH,
            1,
            null));
    clock.set(Instant.parse("2025-01-11T05:00:00Z")); // 06:00 in Berlin
    first.tick();
    threads.runAll();
    first.close();
    assertThat(Files.readString(stateFile)).contains("\"paused\" : true");

    clock.set(Instant.parse("2025-01-11T05:10:00Z"));
    Scheduler second =
        scheduler(settings(), runs, new JsonFileScheduleStateStore(stateFile, clock));
    JobView a = second.job("a").orElseThrow();
    assertThat(a.schedule()).isEqualTo("cron \"0 6 * * *\" in Europe/Berlin");
    assertThat(a.overridden()).isTrue();
    assertThat(a.priority()).isEqualTo(Priority.HIGH);
    assertThat(a.maxRetries()).isEqualTo(1);
    assertThat(a.lastFireAt()).isEqualTo(Instant.parse("2025-01-11T05:00:00Z"));
    assertThat(a.lastStatus()).isEqualTo("succeeded");
    assertThat(a.nextFireAt()).isEqualTo(Instant.parse("2025-01-12T05:00:00Z"));
    assertThat(second.job("b").orElseThrow().paused()).isTrue();
    second.tick();
    assertThat(threads.pending()).isZero(); // nothing fires twice after the restart
  }

  @Test
  void corruptStateFileIsMovedAsideAndSchedulingStartsFresh() throws Exception {
    Path stateFile = dir.resolve("schedules.json");
    Files.writeString(stateFile, "{not json");
    JsonFileScheduleStateStore store = new JsonFileScheduleStateStore(stateFile, clock);
    assertThat(store.load()).isEmpty();
    assertThat(stateFile).doesNotExist();
    assertThat(dir.resolve("schedules.json.corrupt-" + clock.millis())).hasContent("{not json");
  }

  @Test
  void cancellingAQueuedRunRemovesItFromTheQueue() {
    files.write("a", "alpha", null);
    files.write("b", "alpha", null);
    Scheduler s = scheduler(settings().withConcurrency(1, 1));
    s.trigger("a", RunOptions.cli(), null);
    LiveRun queued = s.trigger("b", RunOptions.cli(), null);
    assertThat(queued.status()).isEqualTo("queued");
    assertThat(s.cancel(queued.id()).status()).isEqualTo("cancelled");
    assertThat(s.queueDepth()).isZero();
    threads.runAll();
    assertThat(runs.order()).containsExactly("a");
    assertThatThrownBy(() -> s.cancel(queued.id()))
        .isInstanceOfSatisfying(
            SchedulerException.class,
            e -> assertThat(e.reason()).isEqualTo(SchedulerException.Reason.UNKNOWN_RUN));
  }

  @Test
  void realRunnerRunsTriggeredPipelineIntoTheStoreWithLiveProgress() {
    files.write("real", "alpha", null);
    MemoryStore store = new MemoryStore();
    try (PipelineRunner runner =
        new PipelineRunner(TestPipelines.plugins(), store, clock, Failpoints.none(), 1)) {
      Scheduler s = scheduler(settings(), runner::run, state);
      LiveRun t = s.trigger("real", RunOptions.cli(), null);
      assertThat(s.live(t.id())).map(LiveRun::status).contains("running");
      threads.runAll();
      String runId = s.runIdOf(t.id()).orElseThrow();
      RunInfo stored = store.run(runId).orElseThrow();
      assertThat(stored.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(stored.trigger()).isEqualTo("api");
      assertThat(stored.counts().written()).isEqualTo(3);
      assertThat(sink.finished)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.run().id()).isEqualTo(runId);
                assertThat(f.source()).isEqualTo("alpha");
              });
      assertThat(s.live(t.id())).isEmpty();
    }
  }

  @Test
  void closeCancelsRunningRunsWhichFinishTheirBatchAndResumeOnTheNextStart() throws Exception {
    files.write("long", "alpha", null);
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    Scheduler.RunExecutor untilCancelled =
        (p, o, c, l) -> {
          l.started("run-1", p.name(), List.of("items"));
          started.countDown();
          while (!c.isCancelled()) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
          }
          return new RunInfo(
              "run-1",
              p.name(),
              o.trigger(),
              RunStatus.CANCELLED,
              START,
              clock.instant(),
              null,
              null,
              c.reason(),
              Map.of());
        };
    Scheduler s =
        Scheduler.builder(files.directory(), untilCancelled, state, clock)
            .settings(settings())
            .ticker(NO_LOOP)
            .sink(sink)
            .build(); // real virtual threads
    s.reload();
    s.trigger("long", RunOptions.cli(), null);
    assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    s.close();
    assertThat(sink.finished)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.run().status()).isEqualTo(RunStatus.CANCELLED);
              assertThat(f.run().error()).contains("shutting down");
            });
    assertThat(s.isAlive()).isFalse();

    Scheduler next = scheduler(settings());
    next.tick();
    threads.runAll();
    assertThat(runs.triggers("long")).containsExactly("retry");
  }

  @Test
  void startedLoopFiresDueJobsByItselfAndReportsAlive() {
    files.write("a", "alpha", every("1m", "run_once"));
    Scheduler s =
        Scheduler.builder(files.directory(), runs, state, clock)
            .settings(settings())
            .runThreads(threads)
            .sink(sink)
            .build(); // the system ticker: wakes at least every second
    s.start();
    try {
      assertThat(s.isAlive()).isTrue();
      clock.set(Instant.parse("2025-01-10T10:01:00Z"));
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> threads.pending() == 1);
      threads.runAll();
      assertThat(runs.triggers("a")).containsExactly("schedule");
    } finally {
      s.close();
    }
    assertThat(s.isAlive()).isFalse();
  }
}
