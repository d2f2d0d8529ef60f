package io.tributary.engine.run;

import static io.tributary.engine.run.PipelineRunnerTest.pipeline;
import static io.tributary.engine.run.PipelineRunnerTest.runner;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.config.PipelineConfig;
import io.tributary.spi.store.QuarantineEntry;
import io.tributary.spi.store.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarantineReplayTest {

  /** The same pipeline without its non_negative step: negative scores now pass. */
  private static PipelineConfig withoutSteps(PipelineConfig p) {
    return new PipelineConfig(
        p.name(),
        p.file(),
        p.source(),
        List.of(),
        p.store(),
        p.schedule(),
        p.alerts(),
        p.quality(),
        p.after(),
        p.secrets(),
        p.exports());
  }

  @Test
  void replaysWhatNowPassesSkipsMalformedAndTruncatedPayloadsAndWritesNothingOnADryRun() {
    InMemoryStore store = new InMemoryStore();
    PipelineConfig strict = pipeline(List.of("a"), Map.of("count", 1_000));
    try (PipelineRunner r = runner(new PipelineRunnerTest.CountingConnector(), store)) {
      assertThat(r.run(strict, RunOptions.cli(), new Cancellation(), RunListener.NONE).status())
          .isEqualTo(RunStatus.SUCCEEDED);
      // 2 malformed inputs (i % 500 == 3) and 10 negative scores (i % 100 == 7)
      assertThat(store.quarantine).hasSize(12);
      String big = "{\"id\": 5000, \"pad\": \"" + "x".repeat(StreamJob.PAYLOAD_CAP) + "\"}";
      store.quarantine.add(
          new QuarantineEntry(
              "r0",
              "p",
              "a",
              "process:non_negative",
              "range",
              "/score",
              "score is negative",
              "line:5000",
              big.substring(0, StreamJob.PAYLOAD_CAP) + "…[truncated 30 chars]",
              Instant.EPOCH));
      int stored = store.tables.get("p.a").size();

      QuarantineReplay.Report dry = r.replayQuarantine(strict, null, true);
      assertThat(dry.stillFailing()).isEqualTo(10);
      assertThat(dry.skipped()).isEqualTo(3);
      assertThat(store.quarantine).hasSize(13);

      QuarantineReplay.Report report = r.replayQuarantine(withoutSteps(strict), "a", false);
      assertThat(report.replayed()).isEqualTo(10);
      assertThat(report.stillFailing()).isZero();
      assertThat(report.skipped()).isEqualTo(3);
      assertThat(store.tables.get("p.a")).hasSize(stored + 10).containsKey("7").containsKey("907");
      assertThat(store.tables.get("p.a").get("7").key()).isEqualTo("7");
      assertThat(store.tables.get("p.a").get("7").hash()).isNotNull();
      assertThat(store.quarantine)
          .extracting(QuarantineEntry::origin)
          .containsExactlyInAnyOrder("line:3", "line:503", "line:5000");
    }
  }
}
