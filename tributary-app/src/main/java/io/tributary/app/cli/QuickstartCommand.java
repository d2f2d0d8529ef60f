package io.tributary.app.cli;

import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.app.UserError;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.run.Cancellation;
import io.tributary.engine.run.RunListener;
import io.tributary.engine.run.RunOptions;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.QueryResult;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.StreamRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary quickstart}: runs the bundled example pipelines offline and explains the result.
 */
@Command(
    name = "quickstart",
    description =
        "Run the bundled example pipelines (real recorded API responses, no network) into the"
            + " embedded store, then print what was stored and how to query it.")
public final class QuickstartCommand extends EnvCommand {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--examples",
      paramLabel = "DIR",
      description =
          "The quickstart pipelines (default: $TRIBUTARY_EXAMPLES/quickstart, else ./examples/quickstart).")
  Path examples;

  @Mixin DataDirOption dataDir;

  @Override
  public Integer call() throws IOException {
    Path dir = examplesDir();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new UserError("no pipeline files (*.yaml) in " + dir, ExitCodes.USAGE);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Tributary quickstart: %d example pipelines from %s%n%n", files.size(), dir);
    List<RunInfo> results = new ArrayList<>();
    try (AppContext ctx = dataDir.context(env)) {
      Cancellation cancel = new Cancellation();
      for (Path f : files) {
        PipelineConfig p = ctx.loadPipeline(f);
        RunInfo r =
            ctx.runner(p)
                .run(p, RunOptions.cli().withTrigger("quickstart"), cancel, RunListener.NONE);
        results.add(r);
      }
      List<List<String>> rows = new ArrayList<>();
      Counts total = Counts.ZERO;
      for (RunInfo r : results) {
        for (StreamRun s : r.streams()) {
          Counts c = s.counts();
          total = total.plus(c);
          rows.add(
              List.of(
                  s.table(),
                  s.status().wire(),
                  Tables.n(c.read()),
                  Tables.n(c.written()),
                  Tables.n(c.unchanged()),
                  Tables.n(c.duplicates()),
                  Tables.n(c.quarantined())));
        }
      }
      Tables.print(
          out,
          List.of("table", "status", "read", "written", "unchanged", "duplicates", "quarantined"),
          rows);
      long checked = total.read() - total.duplicates() - total.filtered();
      double quality = checked == 0 ? 1.0 : (double) (checked - total.quarantined()) / checked;
      out.printf(
          "%nquality: %.1f%% of %,d checked records passed validation (%,d quarantined with their reason)%n",
          quality * 100, checked, total.quarantined());
      out.printf("data:    %s%n%n", ctx.storeFile());
      out.println("Query it:");
      String example = exampleQuery(results);
      out.printf("  ./tributary query \"%s\"%n", example);
      out.println("  ./tributary query \"SELECT stream, rule, reason FROM tributary.quarantine\"");
      out.println("  ./tributary runs list");
      out.println("  ./tributary export <pipeline>.<stream> --format parquet --out out.parquet");
      out.printf(
          "Or, with any DuckDB client: ATTACH '%s' AS db (READ_ONLY); USE db;%n", ctx.storeFile());
      QueryResult sample = ctx.store().query(example, 3);
      if (!sample.rows().isEmpty()) {
        out.println();
        List<List<String>> srows = new ArrayList<>();
        for (List<Object> row : sample.rows()) {
          srows.add(row.stream().map(v -> abbreviate(String.valueOf(v))).toList());
        }
        Tables.print(out, sample.columns(), srows);
      }
      out.flush();
    }
    boolean ok = results.stream().allMatch(r -> r.status() == RunStatus.SUCCEEDED);
    return ok ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }

  private static String exampleQuery(List<RunInfo> results) {
    for (RunInfo r : results) {
      for (StreamRun s : r.streams()) {
        if (s.table().endsWith(".posts")) {
          return "SELECT title, score, num_comments FROM "
              + s.table()
              + " ORDER BY score DESC LIMIT 5";
        }
      }
    }
    StreamRun first = results.get(0).streams().get(0);
    return "SELECT * FROM " + first.table() + " LIMIT 5";
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  private Path examplesDir() {
    if (examples != null) {
      return examples;
    }
    String e = env.get("TRIBUTARY_EXAMPLES");
    Path base = e != null && !e.isBlank() ? Path.of(e) : Path.of("examples");
    Path dir = base.resolve("quickstart");
    if (!Files.isDirectory(dir)) {
      throw new UserError(
          "cannot find the quickstart pipelines at "
              + dir
              + "; run ./tributary from the project"
              + " directory or pass --examples DIR",
          ExitCodes.USAGE);
    }
    return dir;
  }
}
