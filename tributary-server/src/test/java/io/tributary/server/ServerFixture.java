package io.tributary.server;

import io.tributary.engine.config.PipelineLoader;
import io.tributary.engine.run.Failpoints;
import io.tributary.engine.run.PipelineRunner;
import io.tributary.engine.schedule.JsonFileScheduleStateStore;
import io.tributary.engine.schedule.PipelineDirectory;
import io.tributary.engine.schedule.RunEventSink;
import io.tributary.engine.schedule.RunListeners;
import io.tributary.engine.schedule.Scheduler;
import io.tributary.engine.schedule.SchedulerSettings;
import io.tributary.testkit.MemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real API server on a free loopback port over a real scheduler, pipeline runner and an in-memory
 * store; pipelines are YAML files in a temporary directory.
 */
final class ServerFixture implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789abcdef";

  final Path dir;
  final TestPlugins plugins = new TestPlugins();
  final MemoryStore store = new MemoryStore();
  final ServerMetrics metrics = new ServerMetrics();
  final RunLogs logs = new RunLogs(Clock.systemUTC(), 50, 20);
  final RunHistory history = new RunHistory(store, 3);
  final FakeAlertBook alerts = new FakeAlertBook();
  final PipelineRunner runner;
  final Scheduler scheduler;
  final ApiServer api;
  final HttpClient http = HttpClient.newHttpClient();

  ServerFixture(Path dir, Map<String, String> pipelines, ServerConfig config) {
    this.dir = dir;
    Path pipelinesDir = dir.resolve("pipelines");
    try {
      Files.createDirectories(pipelinesDir);
      for (var e : pipelines.entrySet()) {
        Files.writeString(pipelinesDir.resolve(e.getKey() + ".yaml"), e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    runner = new PipelineRunner(plugins.plugins(), store, Clock.systemUTC(), Failpoints.none(), 1);
    PipelineLoader loader = new PipelineLoader(plugins.plugins(), Map.of());
    scheduler =
        Scheduler.builder(
                new PipelineDirectory(pipelinesDir, loader::load),
                runner::run,
                new JsonFileScheduleStateStore(dir.resolve("schedules.json"), Clock.systemUTC()),
                Clock.systemUTC())
            .settings(SchedulerSettings.defaults().withReloadEvery(Duration.ZERO))
            .listener(RunListeners.all(List.of(metrics, logs)))
            .sink(RunEventSink.composite(List.of(metrics, logs, history)))
            .build();
    scheduler.start();
    api = new ApiServer(config, metrics, AdminToken.of(TOKEN), "test");
    api.attach(scheduler, store, logs, history, alerts);
    api.start();
  }

  static ServerConfig config(Path dataDir) {
    return new ServerConfig("127.0.0.1", 0, dataDir, false, false, 0);
  }

  static String pipeline(String name, String connector, String extra) {
    return "name: "
        + name
        + "\nsource:\n  connector: "
        + connector
        + "\n  config:\n    count: 5\n    bad: 1\n    token: canary-secret-value\nstore:\n"
        + "  flush_ms: 10\n"
        + (extra == null ? "" : extra);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).GET());
  }

  HttpResponse<String> getAnonymous(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> post(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .POST(
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return http.send(
          b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    plugins.gate.countDown();
    api.close();
    scheduler.close();
    runner.close();
    metrics.close();
  }
}
