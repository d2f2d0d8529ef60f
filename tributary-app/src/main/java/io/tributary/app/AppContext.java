package io.tributary.app;

import io.tributary.engine.Plugins;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.config.PipelineLoader;
import io.tributary.engine.run.Failpoints;
import io.tributary.engine.run.PipelineRunner;
import io.tributary.spi.store.Store;
import io.tributary.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The composition root: every long-lived object of a CLI process is built here, with {@code new},
 * in the order it is needed, and closed in reverse order by {@link #close()}.
 */
public final class AppContext implements AutoCloseable {
  public static final String STORE_FILE = "tributary.duckdb";

  private final Path dataDir;
  private final Clock clock;
  private final Map<String, String> env;
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private Store store;
  private final Map<List<Object>, PipelineRunner> runners = new HashMap<>();

  public AppContext(Path dataDir, Clock clock, Map<String, String> env) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.clock = clock;
    this.env = env;
  }

  /**
   * The data directory from {@code --data-dir}, else {@code TRIBUTARY_HOME}, else ./tributary-data.
   */
  public static Path resolveDataDir(Path option, Map<String, String> env) {
    if (option != null) {
      return option;
    }
    String home = env.get("TRIBUTARY_HOME");
    return home != null && !home.isBlank() ? Path.of(home) : Path.of("tributary-data");
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path storeFile() {
    return dataDir.resolve(STORE_FILE);
  }

  public Clock clock() {
    return clock;
  }

  public Map<String, String> env() {
    return env;
  }

  /** Plugins for a project directory (built-ins plus the project's own manifests). */
  public Plugins plugins(Path projectDir) {
    return plugins(projectDir, List.of());
  }

  /** Plugins for a project directory plus the manifest files or folders a pipeline names. */
  public Plugins plugins(Path projectDir, List<Path> manifests) {
    return Plugins.discover(AppContext.class.getClassLoader(), projectDir, manifests);
  }

  /**
   * Plugins for checking a pipeline file: the project's (its directory, or {@code projectDir} when
   * given) plus the manifests it names in {@code source.manifests}.
   */
  public Plugins pluginsFor(Path pipelineFile, Path projectDir) {
    Path dir = projectDir != null ? projectDir : pipelineFile.toAbsolutePath().getParent();
    return plugins(dir, PipelineLoader.declaredManifests(pipelineFile, env));
  }

  public PipelineConfig loadPipeline(Path file) {
    PipelineConfig p = new PipelineLoader(pluginsFor(file, null), env).load(file);
    io.tributary.app.logging.LogRedaction.register(p.secrets());
    return p;
  }

  /** The store, opened for writing (and migrated) on first use. */
  public Store store() {
    if (store == null) {
      try {
        Files.createDirectories(dataDir);
      } catch (AccessDeniedException e) {
        throw new UserError(
            "cannot create the data directory "
                + dataDir
                + ": permission denied. Choose another with --data-dir or TRIBUTARY_HOME.",
            3);
      } catch (IOException e) {
        throw new UserError(
            "cannot create the data directory " + dataDir + ": " + e.getMessage(), 3);
      }
      if (!Files.isWritable(dataDir)) {
        throw new UserError(
            "the data directory "
                + dataDir
                + " is not writable. Fix its permissions or choose another with --data-dir.",
            3);
      }
      store = DuckDbStore.open(storeFile(), clock);
      closeables.push(store);
      markDeadRuns(store);
    }
    return store;
  }

  /**
   * This process holds the store's single-writer lock, so any run still marked running was left by
   * a process that died (kill -9, power cut): mark it failed so that history tells the truth.
   */
  private void markDeadRuns(Store s) {
    for (var r : s.runs(null, 1000)) {
      if (r.status() == io.tributary.spi.store.RunStatus.RUNNING) {
        s.runUpdated(
            new io.tributary.spi.store.RunInfo(
                r.id(),
                r.pipeline(),
                r.trigger(),
                io.tributary.spi.store.RunStatus.FAILED,
                r.startedAt(),
                clock.instant(),
                r.counts(),
                r.streams(),
                "the process running it stopped unexpectedly (killed or crashed); data up to its"
                    + " last committed batch is kept and the next run resumes from there",
                r.options()));
      }
    }
  }

  /** The store opened read-only (for query, export and run history). */
  public Store readOnlyStore() {
    if (store != null) {
      return store;
    }
    if (!Files.exists(storeFile())) {
      throw new UserError(
          "there is no data yet at "
              + storeFile()
              + ". Run a pipeline first (tributary run FILE or tributary quickstart), or point"
              + " --data-dir at the right directory.",
          2);
    }
    store = DuckDbStore.openReadOnly(storeFile());
    closeables.push(store);
    return store;
  }

  /** The runner for a pipeline: one per project directory and set of named manifests. */
  public PipelineRunner runner(PipelineConfig pipeline) {
    return runner(pipeline.baseDir(), pipeline.source().manifests());
  }

  public PipelineRunner runner(Path projectDir) {
    return runner(projectDir, List.of());
  }

  /** The runner for pipelines of one project directory naming these manifests. */
  public synchronized PipelineRunner runner(Path projectDir, List<Path> manifests) {
    List<Object> key = List.of(projectDir.toAbsolutePath().normalize(), manifests);
    PipelineRunner r = runners.get(key);
    if (r == null) {
      Store s = store();
      r =
          new PipelineRunner(
              plugins(projectDir, manifests),
              s,
              clock,
              Failpoints.parse(env.get("TRIBUTARY_FAILPOINTS")));
      runners.put(key, r);
      closeables.push(r);
    }
    return r;
  }

  @Override
  public void close() {
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        System.err.println("tributary: while closing: " + e.getMessage());
      }
    }
  }
}
