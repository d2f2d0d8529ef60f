package io.tributary.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.Plugins;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.config.SourceConfig;
import io.tributary.engine.config.StepConfig;
import io.tributary.engine.config.StoreConfig;
import io.tributary.spi.CheckResult;
import io.tributary.spi.Checkpoint;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.Emitter;
import io.tributary.spi.PermanentException;
import io.tributary.spi.ProcessResult;
import io.tributary.spi.Processor;
import io.tributary.spi.ProcessorContext;
import io.tributary.spi.ProcessorProvider;
import io.tributary.spi.Record;
import io.tributary.spi.RejectedInput;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigSpec;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.StreamRun;
import io.tributary.spi.store.WriteBatch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PipelineRunnerTest {
  static final String SECRET = "canary-s3cr3t-value";

  /** Emits {@code count} records per stream, a checkpoint {"n": i} every 1,000. */
  static final class CountingConnector implements Connector {
    final AtomicLong emitted = new AtomicLong();
    volatile RuntimeException discoveryFails;
    volatile CountDownLatch pauseAt;
    volatile long pauseAfter = -1;

    @Override
    public CheckResult check(Config config) {
      return CheckResult.ok("fine");
    }

    @Override
    public List<StreamSpec> discover(Config config) {
      if (discoveryFails != null) {
        throw discoveryFails;
      }
      return List.of(
          StreamSpec.of("a", List.of("id")),
          StreamSpec.of("b", List.of("id")),
          StreamSpec.of("broken", List.of("id")));
    }

    @Override
    public void read(StreamSpec stream, Config config, Map<String, Object> state, Emitter emitter) {
      if (stream.name().equals("broken")) {
        emitter.emit(Record.of("broken", Map.of("id", 1, "score", 1), "x"));
        throw new PermanentException("the source said no to token " + config.string("token"));
      }
      long start = state.get("n") instanceof Number n ? n.longValue() : 0;
      long count = config.integer("count", 10_000);
      for (long i = start; i < count; i++) {
        if (i == pauseAfter && pauseAt != null) {
          try {
            pauseAt.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", i % config.integer("keys", Long.MAX_VALUE));
        data.put("value", i);
        data.put("score", i % 100 == 7 ? -1 : 1);
        if (i % 500 == 3) {
          emitter.reject(new RejectedInput(stream.name(), "{bad", "line:" + i, "malformed"));
        } else {
          emitter.emit(Record.of(stream.name(), data, "line:" + i));
        }
        emitted.incrementAndGet();
        if ((i + 1) % 1000 == 0) {
          emitter.checkpoint(new Checkpoint(stream.name(), Map.of("n", i + 1)));
        }
      }
      emitter.checkpoint(new Checkpoint(stream.name(), Map.of("n", count)));
    }
  }

  static ConnectorProvider provider(CountingConnector c) {
    return new ConnectorProvider() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public String description() {
        return "test";
      }

      @Override
      public ConfigSpec spec() {
        return ConfigSpec.of(
            "",
            ConfigField.integer("count"),
            ConfigField.integer("keys"),
            ConfigField.string("token").asSecret());
      }

      @Override
      public Connector create(ConnectorContext context) {
        return c;
      }
    };
  }

  /** Rejects negative scores. */
  static final ProcessorProvider NON_NEGATIVE =
      new ProcessorProvider() {
        @Override
        public String name() {
          return "non_negative";
        }

        @Override
        public String description() {
          return "test";
        }

        @Override
        public ConfigSpec spec() {
          return ConfigSpec.empty();
        }

        @Override
        public Processor create(Config config, ProcessorContext context) {
          return r ->
              ((Number) r.get("score")).longValue() < 0
                  ? ProcessResult.reject("range", "/score", "score is negative")
                  : ProcessResult.pass(r);
        }
      };

  static PipelineConfig pipeline(List<String> streams, Map<String, Object> config) {
    return pipeline(streams, config, 0);
  }

  static PipelineConfig pipeline(
      List<String> streams, Map<String, Object> config, long maxQuarantine) {
    return new PipelineConfig(
        "p",
        null,
        new SourceConfig(
            "counting",
            config,
            streams.stream().map(io.tributary.engine.config.StreamSelection::named).toList()),
        List.of(new StepConfig("non_negative", Map.of(), null)),
        new StoreConfig("duckdb", "p", 1500, 50, maxQuarantine),
        null,
        List.of(),
        Map.of(),
        List.of(),
        Set.of(SECRET));
  }

  static PipelineRunner runner(CountingConnector c, InMemoryStore store) {
    return new PipelineRunner(
        new Plugins(List.of(provider(c)), List.of(NON_NEGATIVE)),
        store,
        Clock.systemUTC(),
        Failpoints.none(),
        2);
  }

  @Test
  void aSourceThatCannotBeDiscoveredIsAStoredFailedRunWithTheSecretScrubbed() {
    CountingConnector c = new CountingConnector();
    c.discoveryFails = new PermanentException("no file matches; token was " + SECRET);
    InMemoryStore store = new InMemoryStore();
    try (PipelineRunner r = runner(c, store)) {
      RunInfo run =
          r.run(
              pipeline(List.of("a"), Map.of("token", SECRET)),
              RunOptions.cli(),
              new Cancellation(),
              RunListener.NONE);
      assertThat(run.status()).isEqualTo(RunStatus.FAILED);
      assertThat(run.error()).startsWith("cannot discover the source's streams: no file matches");
      assertThat(run.error()).doesNotContain(SECRET);
      assertThat(store.runs.get(run.id()).status()).isEqualTo(RunStatus.FAILED);
      assertThat(store.runs.get(run.id()).finishedAt()).isNotNull();
      assertThat(c.emitted).hasValue(0);
    }
  }

  @Test
  void everyRecordIsStoredOnceAndStateCommitsOnlyWithTheRecordsBeforeIt() {
    CountingConnector c = new CountingConnector();
    InMemoryStore store = new InMemoryStore();
    long[] writtenSoFar = {0};
    store.beforeWrite =
        b -> {
          synchronized (writtenSoFar) {
            writtenSoFar[0] += b.records().size() + b.quarantined().size();
            if (b.checkpoint() != null) {
              long n = ((Number) b.checkpoint().state().get("n")).longValue();
              // every record before the checkpoint is in this or an earlier batch
              assertThat(n).isLessThanOrEqualTo(writtenSoFar[0]);
            }
          }
        };
    try (PipelineRunner r = runner(c, store)) {
      RunInfo run =
          r.run(
              pipeline(List.of("a"), Map.of("count", 10_000)),
              RunOptions.cli(),
              new Cancellation(),
              RunListener.NONE);
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      long rejectedInputs = 20; // i % 500 == 3
      long negative = 10_000 / 100 - 0; // i % 100 == 7 (none of them is a rejected input)
      assertThat(store.tables.get("p.a")).hasSize((int) (10_000 - rejectedInputs - negative));
      assertThat(store.quarantine).hasSize((int) (rejectedInputs + negative));
      assertThat(store.quarantine)
          .extracting(q -> q.stage())
          .containsOnly("read", "process:non_negative");
      assertThat(store.states.get("p/a")).containsEntry("n", 10_000L);
      assertThat(run.counts().read()).isEqualTo(10_000);
      assertThat(run.counts().written()).isEqualTo(10_000 - rejectedInputs - negative);
      assertThat(run.counts().quarantined()).isEqualTo(rejectedInputs + negative);
      assertThat(store.runs.get(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void aRunThatQuarantinesMoreThanTheCapFailsNamingItAndStoresNoMoreThanTheCap() {
    CountingConnector c = new CountingConnector();
    InMemoryStore store = new InMemoryStore();
    try (PipelineRunner r = runner(c, store)) {
      // each stream rejects 120 of 10,000 (20 malformed inputs, 100 negative scores)
      RunInfo capped =
          r.run(
              pipeline(List.of("a", "b"), Map.of("count", 10_000), 150),
              RunOptions.cli(),
              new Cancellation(),
              RunListener.NONE);
      assertThat(capped.status()).isEqualTo(RunStatus.FAILED);
      assertThat(capped.error())
          .contains("quarantine cap exceeded")
          .contains("store.max_quarantine (150)");
      assertThat(store.quarantine).hasSizeLessThanOrEqualTo(150);
      assertThat(store.runs.get(capped.id()).status()).isEqualTo(RunStatus.FAILED);
    }
    InMemoryStore roomy = new InMemoryStore();
    try (PipelineRunner r = runner(new CountingConnector(), roomy)) {
      RunInfo run =
          r.run(
              pipeline(List.of("a", "b"), Map.of("count", 10_000), 240),
              RunOptions.cli(),
              new Cancellation(),
              RunListener.NONE);
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(roomy.quarantine).hasSize(240);
    }
  }

  @Test
  void reRunFromStoredStateWritesNothingNew() {
    CountingConnector c = new CountingConnector();
    InMemoryStore store = new InMemoryStore();
    try (PipelineRunner r = runner(c, store)) {
      r.run(
          pipeline(List.of("a"), Map.of("count", 3_000)),
          RunOptions.cli(),
          new Cancellation(),
          RunListener.NONE);
      RunInfo again =
          r.run(
              pipeline(List.of("a"), Map.of("count", 3_000)),
              new RunOptions("cli", List.of(), true, null, Map.of()),
              new Cancellation(),
              RunListener.NONE);
      assertThat(again.counts().written()).isZero();
      assertThat(again.counts().unchanged()).isEqualTo(3_000 - 6 - 30);
    }
  }

  @Test
  void laterVersionOfAKeyWinsBecauseOrderIsPreserved() {
    CountingConnector c = new CountingConnector();
    InMemoryStore store = new InMemoryStore();
    try (PipelineRunner r = runner(c, store)) {
      // 20,000 records over 10 keys: the stored value of key k must be the last one emitted
      r.run(
          pipeline(List.of("a"), Map.of("count", 20_000, "keys", 10)),
          RunOptions.cli(),
          new Cancellation(),
          RunListener.NONE);
      Map<String, Record> t = store.tables.get("p.a");
      assertThat(t).hasSize(10);
      for (int k = 0; k < 10; k++) {
        long last = 19_990 + k;
        while (last % 500 == 3 || last % 100 == 7) {
          last -= 10;
        }
        assertThat(t.get(String.valueOf(k)).get("value")).as("key %d", k).isEqualTo(last);
      }
    }
  }

  @Test
  void oneFailingStreamDoesNotStopTheOthersAndItsErrorHidesTheSecret() {
    CountingConnector c = new CountingConnector();
    InMemoryStore store = new InMemoryStore();
    try (PipelineRunner r = runner(c, store)) {
      RunInfo run =
          r.run(
              pipeline(List.of("a", "broken", "b"), Map.of("count", 2_000, "token", SECRET)),
              RunOptions.cli(),
              new Cancellation(),
              RunListener.NONE);
      assertThat(run.status()).isEqualTo(RunStatus.PARTIALLY_FAILED);
      StreamRun broken =
          run.streams().stream().filter(s -> s.stream().equals("broken")).findFirst().orElseThrow();
      assertThat(broken.status()).isEqualTo(RunStatus.FAILED);
      assertThat(broken.error()).contains("the source said no").doesNotContain(SECRET);
      assertThat(run.error()).doesNotContain(SECRET);
      assertThat(store.tables.get("p.a")).hasSize(2_000 - 4 - 20);
      assertThat(store.tables.get("p.b")).hasSize(2_000 - 4 - 20);
      // what the broken stream read before failing is kept
      assertThat(store.tables.get("p.broken")).hasSize(1);
    }
  }

  @Test
  void backPressureBoundsWhatIsInFlightWhenTheStoreIsSlow() {
    CountingConnector c = new CountingConnector();
    InMemoryStore store = new InMemoryStore();
    AtomicLong maxAhead = new AtomicLong();
    AtomicLong stored = new AtomicLong();
    store.beforeWrite =
        b -> {
          maxAhead.accumulateAndGet(c.emitted.get() - stored.get(), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          stored.addAndGet(b.records().size() + b.quarantined().size());
        };
    try (PipelineRunner r = runner(c, store)) {
      r.run(
          pipeline(List.of("a"), Map.of("count", 60_000)),
          RunOptions.cli(),
          new Cancellation(),
          RunListener.NONE);
    }
    // queue (2 × inflight chunks) + inflight futures + one batch + one chunk being filled
    long bound = (6L * 2 + 6 + 2) * StreamJob.CHUNK_SIZE + 1500 + StreamJob.CHUNK_SIZE;
    assertThat(maxAhead.get()).isPositive().isLessThanOrEqualTo(bound);
  }

  @Test
  void cancellationStopsTheRunWithConsistentState() throws Exception {
    CountingConnector c = new CountingConnector();
    c.pauseAfter = 5_000;
    c.pauseAt = new CountDownLatch(1);
    InMemoryStore store = new InMemoryStore();
    Cancellation cancel = new Cancellation();
    try (PipelineRunner r = runner(c, store)) {
      Thread t =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (c.emitted.get() < 5_000) {
                      Thread.onSpinWait();
                    }
                    cancel.cancel("test");
                    c.pauseAt.countDown();
                  });
      RunInfo run =
          r.run(
              pipeline(List.of("a"), Map.of("count", 100_000)),
              RunOptions.cli(),
              cancel,
              RunListener.NONE);
      t.join();
      assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
      long n = ((Number) store.states.get("p/a").get("n")).longValue();
      assertThat(n).isLessThanOrEqualTo(5_000);
      // every record covered by the committed state is stored
      for (long i = 0; i < n; i++) {
        if (i % 500 != 3 && i % 100 != 7) {
          assertThat(store.tables.get("p.a")).containsKey(String.valueOf(i));
        }
      }
      List<WriteBatch> writes = store.writes;
      assertThat(writes).isNotEmpty();
    }
  }

  @Test
  void unknownStreamIsAConfigErrorBeforeAnyRunIsRecorded() {
    CountingConnector c = new CountingConnector();
    InMemoryStore store = new InMemoryStore();
    try (PipelineRunner r = runner(c, store)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  r.run(
                      pipeline(List.of("nope"), Map.of()),
                      RunOptions.cli(),
                      new Cancellation(),
                      RunListener.NONE))
          .isInstanceOf(io.tributary.spi.ConfigException.class)
          .hasMessageContaining("no stream 'nope'")
          .hasMessageContaining("a, b, broken");
      assertThat(store.runs).isEmpty();
    }
  }

  @SuppressWarnings("unused")
  private static Path unused() {
    return Path.of(".");
  }
}
