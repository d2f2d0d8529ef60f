package io.tributary.server.bench;

import io.tributary.engine.Plugins;
import io.tributary.engine.config.PipelineLoader;
import io.tributary.engine.run.Failpoints;
import io.tributary.engine.run.PipelineRunner;
import io.tributary.engine.run.RunOptions;
import io.tributary.engine.schedule.JsonFileScheduleStateStore;
import io.tributary.engine.schedule.PipelineDirectory;
import io.tributary.engine.schedule.RunEventSink;
import io.tributary.engine.schedule.Scheduler;
import io.tributary.engine.schedule.SchedulerSettings;
import io.tributary.server.AdminToken;
import io.tributary.server.ApiServer;
import io.tributary.server.RunHistory;
import io.tributary.server.RunLogs;
import io.tributary.server.ServerConfig;
import io.tributary.server.ServerMetrics;
import io.tributary.spi.CheckResult;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.Emitter;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigSpec;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the API in this JVM over an in-memory store holding {@code runs} past runs, keeps an
 * ingest running (a pipeline emitting records as fast as the store takes them), measures the time
 * from construction to {@code /health/ready} and the process's RSS before the load, then runs
 * {@link ApiLatencyBench} at 500 requests/s for 20 s. A main, not a test.
 *
 * <pre>
 * InProcessBench [rate=500] [seconds=20] [runs=5000]
 * </pre>
 */
public final class InProcessBench {
  private InProcessBench() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int pastRuns = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    Path dir = Files.createTempDirectory("tributary-bench");
    Path pipelines = Files.createDirectories(dir.resolve("pipelines"));
    Files.writeString(
        pipelines.resolve("ingest.yaml"), "name: ingest\nsource:\n  connector: endless\n");
    for (int i = 0; i < 20; i++) {
      Files.writeString(
          pipelines.resolve("p" + i + ".yaml"),
          "name: p" + i + "\nsource:\n  connector: endless\nschedule:\n  every: 15m\n");
    }
    Clock clock = Clock.systemUTC();
    BenchStore store = new BenchStore();
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    for (int i = 0; i < pastRuns; i++) {
      store.runStarted(
          new RunInfo(
              String.format("%08x-0000-7000-8000-%012x", i, i),
              "p" + (i % 20),
              "schedule",
              i % 10 == 0 ? RunStatus.FAILED : RunStatus.SUCCEEDED,
              t.plusSeconds(60L * i),
              t.plusSeconds(60L * i + 30),
              new Counts(1000, 990, 5, 3, 2, 0),
              List.of(),
              null,
              Map.of()));
    }

    long t0 = System.nanoTime();
    boolean ingest = !"0".equals(System.getProperty("ingest", "1"));
    Plugins plugins = new Plugins(List.of(new Endless()), List.of());
    PipelineRunner runner = new PipelineRunner(plugins, store, clock, Failpoints.none());
    ServerMetrics metrics = new ServerMetrics();
    RunLogs logs = new RunLogs(clock, 500, 200);
    RunHistory runHistory = new RunHistory(store, 2_000);
    PipelineLoader loader = new PipelineLoader(plugins, Map.of());
    Scheduler scheduler =
        Scheduler.builder(
                new PipelineDirectory(pipelines, loader::load),
                runner::run,
                new JsonFileScheduleStateStore(dir.resolve("schedules.json"), clock),
                clock)
            .settings(SchedulerSettings.defaults())
            .listener(metrics)
            .sink(RunEventSink.composite(List.of(metrics, logs, runHistory)))
            .build();
    scheduler.start();
    System.out.printf("scheduler started after %.0f ms%n", (System.nanoTime() - t0) / 1e6);
    ApiServer api =
        new ApiServer(
                new ServerConfig("127.0.0.1", 0, dir, false, false, 0),
                scheduler,
                store,
                metrics,
                logs,
                runHistory,
                AdminToken.loadOrCreate(dir),
                "bench")
            .start();
    System.out.printf("api started after %.0f ms%n", (System.nanoTime() - t0) / 1e6);
    String token = Files.readString(dir.resolve("admin.token")).trim();
    URI base = URI.create("http://127.0.0.1:" + api.port());
    HttpClient probe = HttpClient.newHttpClient();
    while (probe
            .send(
                HttpRequest.newBuilder(base.resolve("/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode()
        != 200) {
      Thread.onSpinWait();
    }
    double readyMs = (System.nanoTime() - t0) / 1e6;
    System.gc();
    Thread.sleep(500);
    long idleRss = ApiLatencyBench.rssKb(ApiLatencyBench.selfPid());
    System.out.printf(
        "in-process start-up to ready: %.0f ms (JVM start not included); idle RSS (server +"
            + " harness, %d stored runs): %d MiB%n",
        readyMs, pastRuns, idleRss / 1024);

    if (ingest) {
      scheduler.trigger("ingest", RunOptions.cli(), null); // keeps writing during the load
    }
    Thread.sleep(1000);
    List<ApiLatencyBench.Result> results = ApiLatencyBench.run(base, token, rate, seconds);
    long ingested = store.written();
    for (ApiLatencyBench.Result r : results) {
      System.out.println(r);
    }
    System.out.printf(
        "during the load: %d records ingested by the running pipeline; RSS now %d MiB%n",
        ingested, ApiLatencyBench.rssKb(ApiLatencyBench.selfPid()) / 1024);
    api.close();
    scheduler.close();
    runner.close();
    metrics.close();
  }

  /** Emits records without end until cancelled. */
  static final class Endless implements ConnectorProvider {
    @Override
    public String name() {
      return "endless";
    }

    @Override
    public String description() {
      return "Emits records until cancelled.";
    }

    @Override
    public ConfigSpec spec() {
      return ConfigSpec.of("", ConfigField.integer("n").defaultsTo(1L).describe("unused"));
    }

    @Override
    public Connector create(ConnectorContext context) {
      return new Connector() {
        @Override
        public CheckResult check(Config config) {
          return CheckResult.ok("ok");
        }

        @Override
        public List<StreamSpec> discover(Config config) {
          return List.of(StreamSpec.of("events", List.of("id")));
        }

        @Override
        public void read(StreamSpec stream, Config config, Map<String, Object> state, Emitter e) {
          for (long i = 0; !e.isCancelled(); i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", i % 1_000_000);
            data.put("text", "event number " + i);
            e.emit(Record.of("events", data, "bench"));
          }
        }
      };
    }
  }

  /** Keeps runs sorted by id and counts written records without keeping them. */
  static final class BenchStore implements io.tributary.spi.store.Store {
    private final java.util.concurrent.ConcurrentSkipListMap<String, RunInfo> runs =
        new java.util.concurrent.ConcurrentSkipListMap<>(java.util.Comparator.reverseOrder());
    private final java.util.concurrent.atomic.AtomicLong written =
        new java.util.concurrent.atomic.AtomicLong();

    long written() {
      return written.get();
    }

    @Override
    public String location() {
      return "memory";
    }

    @Override
    public void runStarted(RunInfo run) {
      runs.put(run.id(), run);
    }

    @Override
    public void runUpdated(RunInfo run) {
      runs.put(run.id(), run);
    }

    @Override
    public java.util.Optional<RunInfo> run(String idOrPrefix) {
      return runs.values().stream().filter(r -> r.id().startsWith(idOrPrefix)).findFirst();
    }

    @Override
    public List<RunInfo> runs(String pipeline, int limit) {
      return runs.values().stream()
          .filter(r -> pipeline == null || r.pipeline().equals(pipeline))
          .limit(limit)
          .toList();
    }

    @Override
    public void prepare(io.tributary.spi.store.TableRef table, StreamSpec stream) {}

    @Override
    public Map<String, Object> state(String pipeline, String stream) {
      return Map.of();
    }

    @Override
    public void clearState(String pipeline, String stream) {}

    @Override
    public io.tributary.spi.store.WriteResult write(io.tributary.spi.store.WriteBatch batch) {
      written.addAndGet(batch.records().size());
      return new io.tributary.spi.store.WriteResult(batch.records().size(), 0, 0, 0);
    }

    @Override
    public List<io.tributary.spi.store.QuarantineEntry> quarantine(
        String pipeline, String stream, int limit) {
      return List.of();
    }

    @Override
    public List<io.tributary.spi.store.QuarantinedRecord> quarantined(
        io.tributary.spi.store.QuarantineFilter filter, int limit) {
      return List.of();
    }

    @Override
    public java.util.Optional<io.tributary.spi.store.QuarantinedRecord> quarantined(long id) {
      return java.util.Optional.empty();
    }

    @Override
    public int deleteQuarantine(List<Long> ids) {
      return 0;
    }

    @Override
    public io.tributary.spi.store.QueryResult query(String sql, int maxRows) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long export(
        io.tributary.spi.store.TableRef table,
        io.tributary.spi.store.ExportFormat format,
        Path out) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<io.tributary.spi.store.TableRef> tables() {
      return List.of();
    }

    @Override
    public boolean tryConsume(String bucket, Instant windowStart, long cost, long limit) {
      return true;
    }

    @Override
    public long used(String bucket, Instant windowStart) {
      return 0;
    }

    @Override
    public void close() {}
  }
}
