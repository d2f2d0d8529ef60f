package io.tributary.app.cli;

import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.app.UserError;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.run.Cancellation;
import io.tributary.engine.run.RunListener;
import io.tributary.engine.run.RunOptions;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary run FILE}. */
@Command(
    name = "run",
    description = {
      "Run a pipeline once: read its streams, process them, store the results.",
      "Several files, or a directory of them, run as a DAG: each pipeline after the pipelines its"
          + " 'after:' names, and not at all when one of those did not succeed."
    })
public final class RunCommand extends EnvCommand {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "The pipeline file (YAML); several files or a directory run as a DAG.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--stream",
      paramLabel = "NAME",
      description = "Run only this stream (repeatable).")
  List<String> streams = new ArrayList<>();

  @Option(
      names = "--full-refresh",
      description = "Ignore the stored cursor state and read everything again.")
  boolean fullRefresh;

  @Option(
      names = "--from",
      paramLabel = "WHEN",
      description = "Backfill: read records from this instant or date (inclusive).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "WHEN",
      description = "Backfill: read records before this instant or date (exclusive).")
  String to;

  @Option(
      names = "--record",
      paramLabel = "DIR",
      description = "Save every HTTP exchange of the run in DIR (secrets scrubbed).")
  Path record;

  @Option(
      names = "--replay",
      paramLabel = "DIR",
      description = "Serve the run's HTTP exchanges from DIR, with no network.")
  Path replay;

  @Option(names = "--json", description = "Print one JSON object with the run's result on stdout.")
  boolean json;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Run it in a running 'tributary serve' at URL (which holds the store: DuckDB admits one"
              + " writer), wait for the run and print its result; the admin token comes from"
              + " --token-file, $TRIBUTARY_TOKEN or the data directory's admin.token.")
  String server;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "With --server: the file holding the server's admin token.")
  Path tokenFile;

  @Mixin DataDirOption dataDir;

  @Override
  public Integer call() {
    List<Path> pipelineFiles = expand(files);
    for (Path file : pipelineFiles) {
      if (!Files.isReadable(file)) {
        throw new UserError(
            "cannot read the pipeline file " + file + ": it does not exist or is not readable",
            ExitCodes.USAGE);
      }
    }
    boolean dag = pipelineFiles.size() > 1 || Files.isDirectory(files.get(0));
    if (dag && !streams.isEmpty()) {
      throw new UserError(
          "--stream selects streams of one pipeline; run a single pipeline file with it",
          ExitCodes.USAGE);
    }
    ConnectorContext.Window window = null;
    if (from != null || to != null) {
      window = new ConnectorContext.Window(parseWhen("--from", from), parseWhen("--to", to));
    }
    Map<String, String> connectorOptions = new LinkedHashMap<>();
    if (record != null) {
      connectorOptions.put("record_dir", record.toAbsolutePath().toString());
    }
    if (replay != null) {
      connectorOptions.put("replay_dir", replay.toAbsolutePath().toString());
    }
    RunOptions options = new RunOptions("cli", streams, fullRefresh, window, connectorOptions);
    if (server != null) {
      if (dag || record != null || replay != null) {
        throw new UserError(
            "--server runs one pipeline file in the server, without --record or --replay (the"
                + " server schedules DAGs itself, by their after: lists)",
            ExitCodes.USAGE);
      }
      ServerClient client =
          new ServerClient(
              ServerClient.base(server, env), ServerClient.token(tokenFile, dataDir.dataDir, env));
      return RemoteRun.run(spec, env, dataDir, pipelineFiles.get(0), client, options, json);
    }
    if (dag) {
      return PipelineDagRun.run(spec, env, dataDir, pipelineFiles, options, json);
    }
    return runPipeline(spec, env, dataDir, pipelineFiles.get(0), options, json);
  }

  /** The files named, with each directory replaced by the *.yaml / *.yml files directly in it. */
  static List<Path> expand(List<Path> given) {
    List<Path> out = new ArrayList<>();
    for (Path p : given) {
      if (Files.isDirectory(p)) {
        try (var s = Files.list(p)) {
          List<Path> inDir =
              s.filter(
                      f ->
                          Files.isRegularFile(f)
                              && (f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")))
                  .sorted()
                  .toList();
          if (inDir.isEmpty()) {
            throw new UserError(
                "the directory " + p + " holds no pipeline files (*.yaml, *.yml)", ExitCodes.USAGE);
          }
          out.addAll(inDir);
        } catch (java.io.IOException e) {
          throw new UserError(
              "cannot list the directory " + p + ": " + e.getMessage(), ExitCodes.USAGE);
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Shared with {@code quickstart}: runs one pipeline with signal handling and prints the result.
   */
  static int runPipeline(
      picocli.CommandLine.Model.CommandSpec spec,
      Map<String, String> env,
      DataDirOption dataDir,
      Path file,
      RunOptions options,
      boolean json) {
    return withSignals(
        cancellation -> {
          try (AppContext ctx = dataDir.context(env)) {
            PipelineConfig pipeline = ctx.loadPipeline(file);
            RunListener listener = json ? RunListener.NONE : Progress.forTerminal(System.err);
            RunInfo result = ctx.runner(pipeline).run(pipeline, options, cancellation, listener);
            if (listener instanceof Progress p) {
              p.clear();
            }
            if (json) {
              spec.commandLine().getOut().println(Json.write(Json.run(result)));
            } else {
              printHuman(spec.commandLine().getOut(), result, ctx);
            }
            spec.commandLine().getOut().flush();
            if (result.status() == RunStatus.CANCELLED) {
              return ExitCodes.INTERRUPTED;
            }
            return result.status() == RunStatus.SUCCEEDED ? ExitCodes.OK : ExitCodes.RUN_FAILED;
          }
        });
  }

  /**
   * Runs {@code body} with Ctrl-C / SIGTERM turned into a cancellation: the body finishes its
   * current batch and returns, then the JVM exits with 130.
   */
  static int withSignals(java.util.function.Function<Cancellation, Integer> body) {
    Cancellation cancellation = new Cancellation();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              cancellation.cancel("interrupted by a signal (Ctrl-C / SIGTERM)");
              try {
                finished.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
            },
            "tributary-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return body.apply(cancellation);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running; it halts the JVM with 130
      }
    }
  }

  static void printHuman(java.io.PrintWriter out, RunInfo r, AppContext ctx) {
    out.printf(
        "run %s of pipeline %s: %s in %.1fs%n",
        r.id(), r.pipeline(), r.status().wire(), Json.durationMs(r) / 1000.0);
    List<List<String>> rows = new ArrayList<>();
    for (var s : r.streams()) {
      var c = s.counts();
      rows.add(
          List.of(
              s.stream(),
              s.status().wire(),
              Tables.n(c.read()),
              Tables.n(c.written()),
              Tables.n(c.unchanged()),
              Tables.n(c.duplicates()),
              Tables.n(c.quarantined()),
              s.table()));
    }
    Tables.print(
        out,
        List.of(
            "stream",
            "status",
            "read",
            "written",
            "unchanged",
            "duplicates",
            "quarantined",
            "table"),
        rows);
    for (var s : r.streams()) {
      if (s.error() != null) {
        out.printf("  %s: %s%n", s.stream(), s.error());
      }
    }
    if (r.error() != null && r.streams().isEmpty()) {
      out.printf("  %s%n", r.error());
    } else if (r.error() != null) {
      for (String part : r.error().split("; ")) {
        if (part.startsWith("exports: ")) {
          out.printf("  %s%n", part);
        }
      }
    }
    out.printf("data: %s%n", ctx.storeFile());
  }

  static Instant parseWhen(String option, String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new UserError(
            option
                + " must be a date (2025-01-31) or an instant (2025-01-31T12:00:00Z) but was '"
                + text
                + "'",
            ExitCodes.USAGE);
      }
    }
  }
}
