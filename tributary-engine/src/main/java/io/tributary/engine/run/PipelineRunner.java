package io.tributary.engine.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.engine.Plugins;
import io.tributary.engine.Redactor;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.config.StepConfig;
import io.tributary.engine.config.StreamSelection;
import io.tributary.spi.ConfigException;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.PermanentException;
import io.tributary.spi.Processor;
import io.tributary.spi.ProcessorContext;
import io.tributary.spi.ProcessorProvider;
import io.tributary.spi.RetriableException;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.Store;
import io.tributary.spi.store.StreamRun;
import io.tributary.spi.store.TableRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pipelines into a store. One instance serves a process; {@link #run} may be called from
 * several threads for different pipelines. Owns a CPU pool sized to the cores, closed by {@link
 * #close()}.
 */
public final class PipelineRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineRunner.class);

  private final Plugins plugins;
  private final Store store;
  private final Clock clock;
  private final Failpoints failpoints;
  private final ExecutorService cpu;
  private final int threads;
  private final RunIds ids;
  private final ObjectMapper json;

  /** The plugins runs use (their connector providers hold per-source state such as breakers). */
  public Plugins plugins() {
    return plugins;
  }

  public PipelineRunner(Plugins plugins, Store store, Clock clock, Failpoints failpoints) {
    this(plugins, store, clock, failpoints, Runtime.getRuntime().availableProcessors());
  }

  public PipelineRunner(
      Plugins plugins, Store store, Clock clock, Failpoints failpoints, int processorThreads) {
    this.plugins = plugins;
    this.store = store;
    this.clock = clock;
    this.failpoints = failpoints;
    this.threads = Math.max(1, processorThreads);
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf =
        r -> {
          Thread t = new Thread(r, "process-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.cpu = Executors.newFixedThreadPool(threads, tf);
    this.ids = new RunIds(clock);
    this.json =
        new ObjectMapper().configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, false);
  }

  /**
   * Runs a pipeline to the end (or until cancelled) and returns the stored run.
   *
   * @throws ConfigException when the pipeline cannot start (bad connector or processor config,
   *     unknown stream); no run is recorded then
   */
  public RunInfo run(
      PipelineConfig p, RunOptions options, Cancellation cancellation, RunListener listener) {
    Redactor redactor = new Redactor(p.secrets());
    ConnectorProvider provider = plugins.connector(p.source().connector());
    Config config =
        withPrefix("source.config", () -> Config.of(provider.spec(), p.source().config()));
    ConnectorContext ctx =
        new ConnectorContext(
            p.baseDir(),
            clock,
            java.util.Optional.ofNullable(options.window()),
            store,
            options.connectorOptions(),
            store,
            store);
    Instant started = clock.instant();
    String runId = ids.next();
    try (Connector connector = provider.create(ctx)) {
      List<StreamSpec> discovered;
      try {
        discovered = connector.discover(config);
      } catch (PermanentException | RetriableException e) {
        // the source itself is unusable (no file matches, the API refuses): a failed run, which
        // history and alert rules (consecutive failures) must see, not a crash of the caller
        return failedAtDiscovery(
            p, options, runId, started, redactor.scrub(String.valueOf(e.getMessage())));
      }
      List<StreamSpec> streams = select(p, options, discovered);
      // validate processor configs before anything is recorded
      List<Config> stepConfigs = new ArrayList<>();
      for (int i = 0; i < p.process().size(); i++) {
        StepConfig step = p.process().get(i);
        ProcessorProvider pp = plugins.processor(step.type());
        int idx = i;
        stepConfigs.add(
            withPrefix("process[" + idx + "]", () -> Config.of(pp.spec(), step.config())));
      }
      RunInfo running = recordStart(p, options, runId, started);
      listener.started(runId, p.name(), streams.stream().map(StreamSpec::name).toList());
      log.info("run {} of pipeline {} started: {} stream(s)", runId, p.name(), streams.size());

      List<StreamJob> jobs = new ArrayList<>();
      QuarantineBudget budget = new QuarantineBudget(p.store().maxQuarantine());
      for (StreamSpec s : streams) {
        TableRef table = new TableRef(p.store().schema(), TableRef.sanitize(s.name()));
        boolean saveState = options.window() == null;
        Map<String, Object> state =
            options.fullRefresh() || options.window() != null
                ? Map.of()
                : store.state(p.name(), s.name());
        List<StreamJob.NamedProcessor> procs = new ArrayList<>();
        ProcessorContext pctx = new ProcessorContext(p.name(), s, p.baseDir(), clock);
        for (int i = 0; i < p.process().size(); i++) {
          StepConfig step = p.process().get(i);
          Processor proc = plugins.processor(step.type()).create(stepConfigs.get(i), pctx);
          procs.add(new StreamJob.NamedProcessor(step.type(), proc));
        }
        jobs.add(
            new StreamJob(
                runId,
                p.name(),
                provider.name(),
                s,
                table,
                connector,
                config,
                state,
                procs,
                store,
                clock,
                cpu,
                threads * 2 + 2,
                p.store().batchSize(),
                p.store().flushMillis(),
                saveState,
                cancellation,
                failpoints,
                listener,
                redactor,
                json,
                budget));
      }

      List<StreamRun> results = new ArrayList<>();
      try (ExecutorService perStream = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<StreamRun>> futures = new ArrayList<>();
        for (StreamJob job : jobs) {
          futures.add(
              perStream.submit(
                  LogContext.wrap(
                      LogContext.current(
                          Map.of(
                              "run_id", runId,
                              "pipeline", p.name(),
                              "stream", job.spec().name())),
                      () -> {
                        try {
                          store.prepare(job.table(), job.spec());
                        } catch (RuntimeException e) {
                          return job.failedBeforeStart(
                              redactor.scrub(String.valueOf(e.getMessage())));
                        }
                        return job.execute();
                      })));
        }
        Thread heartbeat = Thread.ofVirtual().start(() -> heartbeat(running, jobs));
        for (Future<StreamRun> f : futures) {
          results.add(f.get());
        }
        heartbeat.interrupt();
        heartbeat.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancellation.cancel("interrupted");
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a stream job failed unexpectedly", e.getCause());
      }

      Counts total = Counts.ZERO;
      for (StreamRun r : results) {
        total = total.plus(r.counts());
      }
      RunStatus status = overall(results, cancellation);
      if (budget.exhausted() && status != RunStatus.CANCELLED) {
        status = RunStatus.FAILED; // the cap stops the whole run, not only the stream that hit it
      }
      String error = summarise(results);
      if (status != RunStatus.CANCELLED) {
        String exportError = export(p, discovered, results, redactor);
        if (exportError != null) {
          error = error == null ? exportError : error + "; " + exportError;
          status = status == RunStatus.SUCCEEDED ? RunStatus.PARTIALLY_FAILED : status;
        }
      }
      RunInfo done = withProgress(running, status, clock.instant(), total, results, error);
      store.runUpdated(done);
      log.info("run {} of pipeline {} ended: {}", runId, p.name(), status.wire());
      return done;
    }
  }

  /**
   * Writes the pipeline's exports of the streams that succeeded in this run.
   *
   * @return what went wrong, or {@code null}
   */
  private String export(
      PipelineConfig p, List<StreamSpec> discovered, List<StreamRun> results, Redactor redactor) {
    List<String> problems = new ArrayList<>();
    for (io.tributary.engine.config.ExportConfig e : p.exports()) {
      if (discovered.stream().noneMatch(s -> s.name().equals(e.stream()))) {
        problems.add(
            String.format(
                "exports: the source has no stream '%s' (streams: %s)",
                e.stream(), String.join(", ", discovered.stream().map(StreamSpec::name).toList())));
        continue;
      }
      StreamRun r =
          results.stream().filter(x -> x.stream().equals(e.stream())).findFirst().orElse(null);
      if (r == null || r.status() != RunStatus.SUCCEEDED) {
        continue; // not run (another --stream), or failed: keep the last good file
      }
      try {
        java.nio.file.Files.createDirectories(e.path().toAbsolutePath().getParent());
        long rows =
            store.export(
                new TableRef(p.store().schema(), TableRef.sanitize(e.stream())),
                io.tributary.spi.store.ExportFormat.valueOf(
                    e.format().toUpperCase(java.util.Locale.ROOT)),
                e.path());
        log.info("exported {} rows of {} to {}", rows, e.stream(), e.path());
      } catch (java.io.IOException | RuntimeException ex) {
        problems.add(
            "exports: cannot write "
                + e.path()
                + ": "
                + redactor.scrub(String.valueOf(ex.getMessage())));
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private RunInfo failedAtDiscovery(
      PipelineConfig p, RunOptions options, String runId, Instant started, String error) {
    RunInfo failed =
        withProgress(
            recordStart(p, options, runId, started),
            RunStatus.FAILED,
            clock.instant(),
            Counts.ZERO,
            List.of(),
            "cannot discover the source's streams: " + error);
    store.runUpdated(failed);
    log.warn("run {} of pipeline {} failed: {}", runId, p.name(), failed.error());
    return failed;
  }

  /** Stores the run as running (before anything is read) and returns it. */
  private RunInfo recordStart(PipelineConfig p, RunOptions options, String runId, Instant started) {
    RunInfo running =
        new RunInfo(
            runId,
            p.name(),
            options.trigger(),
            RunStatus.RUNNING,
            started,
            null,
            Counts.ZERO,
            List.of(),
            null,
            options.describe());
    store.runStarted(running);
    return running;
  }

  /** The run with its status, end, counts, streams and error as they are now. */
  private static RunInfo withProgress(
      RunInfo run,
      RunStatus status,
      Instant finishedAt,
      Counts counts,
      List<StreamRun> streams,
      String error) {
    return new RunInfo(
        run.id(),
        run.pipeline(),
        run.trigger(),
        status,
        run.startedAt(),
        finishedAt,
        counts,
        streams,
        error,
        run.options());
  }

  private void heartbeat(RunInfo running, List<StreamJob> jobs) {
    try {
      while (true) {
        Thread.sleep(5_000);
        Counts total = Counts.ZERO;
        for (StreamJob j : jobs) {
          total = total.plus(j.counters.snapshot());
        }
        store.runUpdated(withProgress(running, RunStatus.RUNNING, null, total, List.of(), null));
      }
    } catch (InterruptedException e) {
      // the run ended
    } catch (RuntimeException e) {
      log.debug("heartbeat update failed: {}", e.getMessage());
    }
  }

  private static RunStatus overall(List<StreamRun> results, Cancellation cancellation) {
    if (cancellation.isCancelled()) {
      return RunStatus.CANCELLED;
    }
    long failed = results.stream().filter(r -> r.status() == RunStatus.FAILED).count();
    if (failed == 0) {
      return RunStatus.SUCCEEDED;
    }
    return failed == results.size() ? RunStatus.FAILED : RunStatus.PARTIALLY_FAILED;
  }

  private static String summarise(List<StreamRun> results) {
    List<String> errors = new ArrayList<>();
    for (StreamRun r : results) {
      if (r.error() != null && r.status() == RunStatus.FAILED) {
        errors.add(r.stream() + ": " + r.error());
      }
    }
    return errors.isEmpty() ? null : String.join("; ", errors);
  }

  /** The streams to read: the pipeline's selection (with overrides) filtered by the options. */
  static List<StreamSpec> select(PipelineConfig p, RunOptions options, List<StreamSpec> found) {
    Map<String, StreamSpec> byName = new LinkedHashMap<>();
    found.forEach(s -> byName.put(s.name(), s));
    List<StreamSpec> chosen = new ArrayList<>();
    List<io.tributary.spi.config.ConfigProblem> problems = new ArrayList<>();
    if (p.source().streams().isEmpty()) {
      chosen.addAll(found);
    } else {
      for (int i = 0; i < p.source().streams().size(); i++) {
        StreamSelection sel = p.source().streams().get(i);
        StreamSpec s = byName.get(sel.name());
        if (s == null) {
          problems.add(
              io.tributary.spi.config.ConfigProblem.at(
                  "source.streams[" + i + "]",
                  sel.name(),
                  "the connector has no stream '"
                      + sel.name()
                      + "'; available: "
                      + String.join(", ", byName.keySet())));
          continue;
        }
        if (!sel.primaryKey().isEmpty()) {
          s = s.withPrimaryKey(sel.primaryKey());
        }
        if (sel.cursorField() != null) {
          s = s.withCursorField(sel.cursorField());
        }
        chosen.add(s);
      }
    }
    if (!options.streams().isEmpty()) {
      for (String want : options.streams()) {
        if (chosen.stream().noneMatch(s -> s.name().equals(want))) {
          problems.add(
              io.tributary.spi.config.ConfigProblem.at(
                  "--stream",
                  want,
                  "the pipeline has no stream '"
                      + want
                      + "'; it has: "
                      + String.join(", ", chosen.stream().map(StreamSpec::name).toList())));
        }
      }
      chosen = chosen.stream().filter(s -> options.streams().contains(s.name())).toList();
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return chosen;
  }

  private static <T> T withPrefix(String prefix, java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (ConfigException e) {
      if (e.problems().isEmpty()) {
        throw new ConfigException(prefix + ": " + e.getMessage());
      }
      throw new ConfigException(
          e.problems().stream().map(pr -> pr.withPathPrefix(prefix)).toList());
    }
  }

  /**
   * Replays the pipeline's quarantined records through its current processors; see {@link
   * QuarantineReplay}. With {@code dryRun} nothing is written.
   *
   * @param stream only this stream's entries, or {@code null} for all
   * @throws ConfigException when the pipeline's streams cannot be discovered or there is no such
   *     stream
   */
  public QuarantineReplay.Report replayQuarantine(PipelineConfig p, String stream, boolean dryRun) {
    return new QuarantineReplay(plugins, store, clock, json, ids.next()).replay(p, stream, dryRun);
  }

  @Override
  public void close() {
    cpu.shutdownNow();
  }
}
