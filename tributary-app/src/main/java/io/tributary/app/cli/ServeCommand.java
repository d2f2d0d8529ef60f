package io.tributary.app.cli;

import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.app.UserError;
import io.tributary.app.logging.LogFormat;
import io.tributary.app.logging.LogRedaction;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.config.PipelineLoader;
import io.tributary.engine.schedule.JsonFileScheduleStateStore;
import io.tributary.engine.schedule.PipelineDirectory;
import io.tributary.engine.schedule.RunEventSink;
import io.tributary.engine.schedule.RunListeners;
import io.tributary.engine.schedule.Scheduler;
import io.tributary.engine.schedule.SchedulerSettings;
import io.tributary.server.AdminToken;
import io.tributary.server.ApiServer;
import io.tributary.server.RunHistory;
import io.tributary.server.RunLogs;
import io.tributary.server.ServerConfig;
import io.tributary.server.ServerMetrics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary serve}: runs every pipeline of a directory on its schedule and serves the job
 * API, metrics and health until SIGTERM / Ctrl-C, then shuts down gracefully (running runs finish
 * their current batch).
 */
@Command(
    name = "serve",
    description = {
      "Run every pipeline in a directory on its schedule, and serve the job API (/api, "
          + "/openapi.json), Prometheus metrics (/metrics) and health (/health/live, /health/ready).",
      "Pipeline files are reloaded when they change; an invalid file keeps its previous version.",
      "The first start writes an admin token to DATA-DIR/admin.token (readable only by you); send"
          + " it as 'Authorization: Bearer <token>'."
    })
public final class ServeCommand extends EnvCommand {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--pipelines",
      required = true,
      paramLabel = "DIR",
      description = "The directory of pipeline files (*.yaml) to schedule.")
  Path pipelines;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDR",
      description =
          "The address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for"
              + " all).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "PORT",
      description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--log-format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description =
          "text (readable) or json (one JSON object per line). Default: ${DEFAULT-VALUE}.")
  String logFormat;

  @Option(
      names = "--max-runs",
      defaultValue = "4",
      paramLabel = "N",
      description = "Runs that may execute at once (default: ${DEFAULT-VALUE}).")
  int maxRuns;

  @Option(
      names = "--max-runs-per-source",
      defaultValue = "2",
      paramLabel = "N",
      description = "Runs that may execute at once per connector (default: ${DEFAULT-VALUE}).")
  int maxRunsPerSource;

  @Option(
      names = "--public-read",
      description = "Answer read-only API endpoints (GET /api/**, /openapi.json) without a token.")
  boolean publicRead;

  @Option(names = "--public-metrics", description = "Answer GET /metrics without a token.")
  boolean publicMetrics;

  @Option(
      names = "--alerts",
      paramLabel = "FILE",
      description =
          "Global alert rules and channels (YAML, see docs/alerting.md). Default: alerts.yaml in"
              + " the pipelines directory, if it exists.")
  Path alerts;

  @Mixin DataDirOption dataDir;

  @Override
  public Integer call() {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                stopped.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "tributary-serve-shutdown");
    try (Running running = start()) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "tributary serve: listening on http://%s:%d (pipelines: %s, data: %s)%n",
          host, running.port(), running.pipelinesDir(), running.dataDir());
      out.printf(
          "admin token %s %s (readable only by you); send it as 'Authorization: Bearer <token>'%n",
          running.token().created() ? "written to" : "in", running.token().file());
      out.flush();
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.println("tributary serve: shutting down; running runs finish their current batch");
      out.flush();
    } finally {
      stopped.countDown();
    }
    return ExitCodes.OK;
  }

  /**
   * Builds and starts everything {@code serve} runs, in order: store, runner, metrics, scheduler,
   * token, API. The returned handle closes them in reverse order. Used by {@link #call()} and by
   * tests that run a server in-process.
   */
  public Running start() {
    if (!Files.isDirectory(pipelines)) {
      throw new UserError(
          "--pipelines "
              + pipelines
              + " is not a directory; point it at the folder of pipeline"
              + " files (*.yaml)",
          ExitCodes.USAGE);
    }
    LogFormat format =
        switch (logFormat) {
          case "text" -> LogFormat.TEXT;
          case "json" -> LogFormat.JSON;
          default ->
              throw new UserError(
                  "--log-format must be text or json (was: " + logFormat + ")", ExitCodes.USAGE);
        };
    LogFormat.configureServer(format, env.get("TRIBUTARY_LOG_LEVEL"));
    ServerConfig serverConfig;
    SchedulerSettings settings;
    try {
      serverConfig =
          new ServerConfig(
              host, port, null, publicRead, publicMetrics, ServerConfig.DEFAULT_MIN_FREE_DISK);
      settings = SchedulerSettings.defaults().withConcurrency(maxRuns, maxRunsPerSource);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), ExitCodes.USAGE);
    }
    return new Running(this, serverConfig, settings);
  }

  /** A started server; closing it shuts everything down gracefully. */
  public static final class Running implements AutoCloseable {
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final Path pipelinesDir;
    private final Path dataDir;
    private final AdminToken token;
    private final ApiServer api;

    private Running(ServeCommand cmd, ServerConfig given, SchedulerSettings settings) {
      pipelinesDir = cmd.pipelines.toAbsolutePath().normalize();
      try {
        AppContext ctx = cmd.dataDir.context(cmd.env);
        closeables.push(ctx);
        dataDir = ctx.dataDir();
        // Bind the port and load the HTTP stack while the store opens (the slowest step):
        // until attach() below, the API answers liveness and says "starting" to the rest.
        ServerMetrics metrics = new ServerMetrics();
        closeables.push(metrics);
        token = AdminToken.loadOrCreate(dataDir);
        api =
            new ApiServer(
                new ServerConfig(
                    given.host(),
                    given.port(),
                    dataDir,
                    given.publicRead(),
                    given.publicMetrics(),
                    given.minFreeDiskBytes()),
                metrics,
                token,
                version());
        closeables.push(api);
        CompletableFuture<ApiServer> listening =
            CompletableFuture.supplyAsync(
                api::start, r -> Thread.ofPlatform().name("api-start").daemon().start(r));

        var store = ctx.store(); // the single writer: a second server or `run` is refused
        Path projectDir = pipelinesDir;
        // each pipeline may name its own manifests, so its connectors are found per file
        Scheduler.RunExecutor runner =
            (p, options, cancellation, listener) ->
                ctx.runner(projectDir, p.source().manifests())
                    .run(p, options, cancellation, listener);
        Path alertsFile = cmd.alerts != null ? cmd.alerts : pipelinesDir.resolve("alerts.yaml");
        // the global alerts file may live among the pipelines (it does by default): not one
        PipelineDirectory directory =
            new PipelineDirectory(
                pipelinesDir,
                file -> {
                  PipelineConfig p =
                      new PipelineLoader(ctx.pluginsFor(file, projectDir), cmd.env).load(file);
                  LogRedaction.register(p.secrets());
                  return p;
                },
                java.util.Set.of(alertsFile));
        RunLogs logs = new RunLogs(ctx.clock(), 500, 200);
        io.tributary.alerts.AlertingConfig alertingConfig =
            cmd.alerts != null || java.nio.file.Files.exists(alertsFile)
                ? io.tributary.alerts.AlertingConfig.load(alertsFile, cmd.env)
                : io.tributary.alerts.AlertingConfig.empty();
        io.tributary.alerts.FileAlertStore alertStore =
            io.tributary.alerts.FileAlertStore.open(dataDir.resolve("alerts.json"));
        closeables.push(alertStore);
        io.tributary.alerts.Alerting alerting =
            io.tributary.alerts.Alerting.create(alertingConfig, alertStore, ctx.clock());
        closeables.push(alerting);
        Thread alertTicks =
            Thread.ofVirtual()
                .name("alert-ticks")
                .start(
                    () -> {
                      try {
                        while (true) {
                          Thread.sleep(30_000);
                          alerting.tick();
                        }
                      } catch (InterruptedException stop) {
                        // shutting down
                      }
                    });
        closeables.push(alertTicks::interrupt);
        RunHistory history = new RunHistory(store, 2_000);
        List<RunEventSink> sinks =
            List.of(
                metrics,
                logs,
                history,
                new io.tributary.app.AlertingSink(alerting, directory::pipelines));
        Scheduler scheduler =
            Scheduler.builder(
                    directory,
                    runner,
                    new JsonFileScheduleStateStore(dataDir.resolve("schedules.json"), ctx.clock()),
                    ctx.clock())
                .settings(settings.withShutdownGrace(Duration.ofSeconds(30)))
                .listener(RunListeners.all(List.of(metrics, logs)))
                .sink(RunEventSink.composite(sinks))
                .build();
        closeables.push(scheduler); // closed before the API, which is closed before the store
        scheduler.start();
        try {
          listening.join();
        } catch (CompletionException e) {
          throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        api.circuits(
            // the project's runner's providers know this process's breakers (half-open included);
            // the store keeps what every process saved (a breaker opened before a restart, or by
            // a pipeline with its own manifests)
            source -> {
              java.util.Optional<String> live =
                  ctx.runner(projectDir)
                      .plugins()
                      .findConnector(source)
                      .flatMap(io.tributary.spi.ConnectorProvider::circuitState);
              if (live.isPresent() && !live.get().equals("closed")) {
                return live;
              }
              java.util.Optional<String> saved =
                  store
                      .circuit(source)
                      .map(io.tributary.spi.store.CircuitLedger.CircuitRecord::state);
              return saved.isPresent() ? saved : live;
            });
        api.attach(scheduler, store, logs, history, new io.tributary.app.AlertingBook(alerting));
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    public int port() {
      return api.port();
    }

    /** The version from --version's first line, e.g. {@code 0.1.0-SNAPSHOT}. */
    private static String version() {
      try {
        return new VersionProvider().getVersion()[0].replaceFirst("^tributary ", "");
      } catch (Exception e) {
        return "unknown";
      }
    }

    public AdminToken token() {
      return token;
    }

    public Path pipelinesDir() {
      return pipelinesDir;
    }

    public Path dataDir() {
      return dataDir;
    }

    @Override
    public void close() {
      while (!closeables.isEmpty()) {
        try {
          closeables.pop().close();
        } catch (Exception e) {
          System.err.println("tributary: while shutting down: " + e.getMessage());
        }
      }
    }
  }
}
