package io.tributary.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.engine.run.RunListener;
import io.tributary.engine.schedule.RunEventSink;
import io.tributary.engine.schedule.RunFinished;
import io.tributary.engine.schedule.Scheduler;
import io.tributary.engine.schedule.SchedulerEvent;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.StreamRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Prometheus metrics of {@code tributary serve}, fed by the scheduler as a {@link RunListener}
 * (live record counts) and a {@link RunEventSink} (finished runs, skipped ticks, retries).
 *
 * <p>Names, as dashboards and alert rules expect them:
 *
 * <ul>
 *   <li>{@code pipeline_jobs_total{pipeline,status}} finished runs;
 *   <li>{@code pipeline_job_duration_seconds{pipeline,status}} a histogram of run durations;
 *   <li>{@code pipeline_errors_total{source,kind}} failed streams ({@code stream_failed}), failed
 *       runs ({@code run_failed}) and runs that could not start ({@code not_started});
 *   <li>{@code pipeline_records_processed_total{pipeline,stream,outcome}} with outcome {@code
 *       read}, {@code written}, {@code unchanged}, {@code duplicate}, {@code quarantined}, {@code
 *       filtered}, counted as batches commit;
 *   <li>{@code data_quality_score{pipeline,stream}} 1 − quarantined/read of the stream's last run;
 *   <li>{@code source_last_success_timestamp_seconds{source}};
 *   <li>{@code pipeline_consecutive_failures{pipeline}}, {@code pipeline_retries_total{pipeline}},
 *       {@code scheduler_ticks_skipped_total{pipeline}}, {@code scheduler_pipeline_invalid_total},
 *       {@code scheduler_queue_depth}, {@code scheduler_runs_active};
 *   <li>{@code http_server_requests_seconds{method,route,status}} (route templates, not paths);
 *   <li>JVM, process and system metrics.
 * </ul>
 *
 * Run ids and record ids are never labels. Thread-safe.
 */
public final class ServerMetrics implements RunListener, RunEventSink, AutoCloseable {
  private static final Duration[] DURATION_BUCKETS = {
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(15),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(2),
    Duration.ofHours(6)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private volatile Scheduler scheduler;
  private final Map<String, String> pipelineOfRun = new ConcurrentHashMap<>();
  private final Map<String, Counts> lastCounts = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<Double>> quality = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> consecutiveFailures = new ConcurrentHashMap<>();

  public ServerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    Counter.builder("scheduler.pipeline.invalid")
        .description("Pipeline files found invalid on (re)load")
        .register(registry);
  }

  /** Gauges that read the scheduler: queue depth, active runs and each source's last success. */
  public void bind(Scheduler scheduler) {
    this.scheduler = scheduler;
    Gauge.builder("scheduler.queue.depth", scheduler, Scheduler::queueDepth)
        .description("Runs waiting for a free slot")
        .register(registry);
    Gauge.builder("scheduler.runs.active", scheduler, Scheduler::runningCount)
        .description("Runs executing now")
        .register(registry);
    scheduler.lastSuccessBySource().forEach(this::sourceSucceeded);
  }

  /** The registry, for other meters (e.g. the HTTP client's retries and circuit states). */
  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  /** Records one HTTP request by its route template. */
  public void httpRequest(String method, String route, int status, long nanos) {
    Timer.builder("http.server.requests")
        .description("API requests")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  @Override
  public void started(String runId, String pipeline, List<String> streams) {
    pipelineOfRun.put(runId, pipeline);
  }

  @Override
  public void progress(String runId, String stream, Counts counts) {
    countDelta(runId, stream, counts);
  }

  @Override
  public void streamFinished(String runId, String stream, Counts counts, String error) {
    countDelta(runId, stream, counts);
    lastCounts.remove(runId + "\u0000" + stream);
    String pipeline = pipelineOfRun.get(runId);
    if (pipeline != null && counts.read() > 0) {
      double score = 1.0 - Math.min(1.0, (double) counts.quarantined() / counts.read());
      quality
          .computeIfAbsent(
              pipeline + "\u0000" + stream,
              k -> {
                AtomicReference<Double> ref = new AtomicReference<>(score);
                Gauge.builder("data.quality.score", ref, AtomicReference::get)
                    .description("1 - quarantined/read of the stream's last run")
                    .tags("pipeline", pipeline, "stream", stream)
                    .register(registry);
                return ref;
              })
          .set(score);
    }
  }

  private void countDelta(String runId, String stream, Counts now) {
    String pipeline = pipelineOfRun.get(runId);
    if (pipeline == null) {
      return;
    }
    Counts before = lastCounts.getOrDefault(runId + "\u0000" + stream, Counts.ZERO);
    lastCounts.put(runId + "\u0000" + stream, now);
    add(pipeline, stream, "read", now.read() - before.read());
    add(pipeline, stream, "written", now.written() - before.written());
    add(pipeline, stream, "unchanged", now.unchanged() - before.unchanged());
    add(pipeline, stream, "duplicate", now.duplicates() - before.duplicates());
    add(pipeline, stream, "quarantined", now.quarantined() - before.quarantined());
    add(pipeline, stream, "filtered", now.filtered() - before.filtered());
  }

  private void add(String pipeline, String stream, String outcome, long delta) {
    if (delta <= 0) {
      return;
    }
    Counter.builder("pipeline.records.processed")
        .description("Records by what happened to them")
        .tags("pipeline", pipeline, "stream", stream, "outcome", outcome)
        .register(registry)
        .increment(delta);
  }

  @Override
  public void runFinished(RunFinished event) {
    RunInfo run = event.run();
    pipelineOfRun.remove(run.id());
    String status = run.status().wire();
    Tags tags = Tags.of("pipeline", run.pipeline(), "status", status);
    Counter.builder("pipeline.jobs")
        .description("Finished runs")
        .tags(tags)
        .register(registry)
        .increment();
    if (run.finishedAt() != null) {
      Timer.builder("pipeline.job.duration")
          .description("How long runs take")
          .tags(tags)
          .serviceLevelObjectives(DURATION_BUCKETS)
          .register(registry)
          .record(Duration.between(run.startedAt(), run.finishedAt()));
    }
    for (StreamRun s : run.streams()) {
      if (s.status() == RunStatus.FAILED) {
        error(event.source(), "stream_failed");
      }
    }
    if (run.status() == RunStatus.FAILED) {
      error(event.source(), "run_failed");
    }
    if (run.status() == RunStatus.SUCCEEDED) {
      sourceSucceeded(event.source(), run.finishedAt() != null ? run.finishedAt() : Instant.now());
    }
    consecutiveFailures
        .computeIfAbsent(
            run.pipeline(),
            p -> {
              AtomicLong n = new AtomicLong();
              Gauge.builder("pipeline.consecutive.failures", n, AtomicLong::get)
                  .description("Failed runs in a row")
                  .tags("pipeline", p)
                  .register(registry);
              return n;
            })
        .set(event.consecutiveFailures());
  }

  private void sourceSucceeded(String source, Instant at) {
    lastSuccess
        .computeIfAbsent(
            source,
            s -> {
              AtomicLong v = new AtomicLong();
              Gauge.builder("source.last.success.timestamp", v, AtomicLong::get)
                  .description("When a pipeline of this source last succeeded (Unix time)")
                  .baseUnit("seconds")
                  .tags("source", s)
                  .register(registry);
              return v;
            })
        .accumulateAndGet(at.getEpochSecond(), Math::max);
  }

  private void error(String source, String kind) {
    Counter.builder("pipeline.errors")
        .description("Errors by source and kind")
        .tags("source", source, "kind", kind)
        .register(registry)
        .increment();
  }

  @Override
  public void schedulerEvent(SchedulerEvent event) {
    switch (event) {
      case SchedulerEvent.TickSkipped s ->
          Counter.builder("scheduler.ticks.skipped")
              .description("Fire times skipped because the pipeline was still active")
              .tags("pipeline", s.pipeline())
              .register(registry)
              .increment();
      case SchedulerEvent.RetryScheduled r ->
          Counter.builder("pipeline.retries")
              .description("Retries scheduled after failed runs")
              .tags("pipeline", r.pipeline())
              .register(registry)
              .increment();
      case SchedulerEvent.RunNotStarted n -> error(sourceHint(n.pipeline()), "not_started");
      case SchedulerEvent.PipelineInvalid i ->
          registry.counter("scheduler.pipeline.invalid").increment();
      default -> {}
    }
  }

  private String sourceHint(String pipeline) {
    Scheduler s = scheduler;
    if (pipeline == null || s == null) {
      return "unknown";
    }
    return s.job(pipeline).map(j -> j.source()).orElse("unknown");
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
