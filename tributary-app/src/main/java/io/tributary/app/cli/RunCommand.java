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
    description = "Run a pipeline once: read its streams, process them, store the results.")
public final class RunCommand extends EnvCommand {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The pipeline file (YAML).")
  Path file;

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

  @Mixin DataDirOption dataDir;

  @Override
  public Integer call() {
    if (!Files.isReadable(file)) {
      throw new UserError(
          "cannot read the pipeline file " + file + ": it does not exist or is not readable",
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
    return runPipeline(spec, env, dataDir, file, options, json);
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
