package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.schedule.RunFinished;
import io.tributary.engine.schedule.SchedulerEvent;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.StreamRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  static RunInfo run(String id, RunStatus status, long seconds, List<StreamRun> streams) {
    return new RunInfo(
        id,
        "reddit-posts",
        "schedule",
        status,
        T0,
        T0.plusSeconds(seconds),
        Counts.ZERO,
        streams,
        null,
        Map.of());
  }

  @Test
  void recordCountsAreCountedAsDeltasPerOutcome() {
    try (ServerMetrics m = new ServerMetrics()) {
      m.started("r1", "reddit-posts", List.of("posts"));
      m.progress("r1", "posts", new Counts(100, 90, 0, 5, 5, 0));
      m.progress("r1", "posts", new Counts(200, 180, 0, 10, 10, 0));
      m.streamFinished("r1", "posts", new Counts(200, 180, 0, 10, 10, 0), null);
      String text = m.scrape();
      assertThat(text)
          .contains(
              "pipeline_records_processed_total{outcome=\"read\",pipeline=\"reddit-posts\",stream=\"posts\"} 200.0")
          .contains(
              "pipeline_records_processed_total{outcome=\"written\",pipeline=\"reddit-posts\",stream=\"posts\"} 180.0")
          .contains(
              "pipeline_records_processed_total{outcome=\"duplicate\",pipeline=\"reddit-posts\",stream=\"posts\"} 10.0")
          .contains("data_quality_score{pipeline=\"reddit-posts\",stream=\"posts\"} 0.95");
    }
  }

  @Test
  void finishedRunsFeedJobsDurationErrorsAndLastSuccess() {
    try (ServerMetrics m = new ServerMetrics()) {
      m.runFinished(
          new RunFinished(run("r1", RunStatus.SUCCEEDED, 42, List.of()), "reddit", 1, null, 0));
      StreamRun failed = new StreamRun("posts", "t.posts", RunStatus.FAILED, Counts.ZERO, 1, "no");
      m.runFinished(
          new RunFinished(run("r2", RunStatus.FAILED, 3, List.of(failed)), "reddit", 1, T0, 1));
      m.schedulerEvent(new SchedulerEvent.TickSkipped(T0, "reddit-posts", T0, "r2"));
      m.schedulerEvent(new SchedulerEvent.RetryScheduled(T0, "reddit-posts", "r2", 1, T0));
      String text = m.scrape();
      assertThat(text)
          .contains("pipeline_jobs_total{pipeline=\"reddit-posts\",status=\"succeeded\"} 1.0")
          .contains("pipeline_jobs_total{pipeline=\"reddit-posts\",status=\"failed\"} 1.0")
          .contains(
              "pipeline_job_duration_seconds_bucket{pipeline=\"reddit-posts\",status=\"succeeded\",le=\"60.0\"} 1")
          .contains(
              "pipeline_job_duration_seconds_bucket{pipeline=\"reddit-posts\",status=\"succeeded\",le=\"30.0\"} 0")
          .contains("pipeline_errors_total{kind=\"stream_failed\",source=\"reddit\"} 1.0")
          .contains("pipeline_errors_total{kind=\"run_failed\",source=\"reddit\"} 1.0")
          .contains("source_last_success_timestamp_seconds{source=\"reddit\"} 1.735689642E9")
          .contains("pipeline_consecutive_failures{pipeline=\"reddit-posts\"} 1.0")
          .contains("scheduler_ticks_skipped_total{pipeline=\"reddit-posts\"} 1.0")
          .contains("pipeline_retries_total{pipeline=\"reddit-posts\"} 1.0")
          .contains("jvm_threads_live_threads")
          .contains("process_uptime_seconds")
          .doesNotContain("r1")
          .doesNotContain("run_id");
    }
  }
}
