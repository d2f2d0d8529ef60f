package io.tributary.app.cli;

import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.app.UserError;
import io.tributary.spi.store.RunInfo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary runs list|show}. */
@Command(
    name = "runs",
    description = "Show run history.",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.ShowRun.class})
public final class RunsCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code runs list}. */
  @Command(name = "list", description = "List recent runs, newest first.")
  public static final class ListRuns extends EnvCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--pipeline", paramLabel = "NAME", description = "Only this pipeline's runs.")
    String pipeline;

    @Option(
        names = "--limit",
        defaultValue = "20",
        description = "How many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Mixin DataDirOption dataDir;

    @Override
    public Integer call() {
      try (AppContext ctx = dataDir.context(env)) {
        List<RunInfo> runs = ctx.readOnlyStore().runs(pipeline, limit);
        var out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(runs.stream().map(Json::run).toList()));
        } else if (runs.isEmpty()) {
          out.println("no runs yet");
        } else {
          List<List<String>> rows = new ArrayList<>();
          for (RunInfo r : runs) {
            rows.add(
                List.of(
                    r.id(),
                    r.pipeline(),
                    r.status().wire(),
                    String.valueOf(r.startedAt()),
                    String.format("%.1fs", Json.durationMs(r) / 1000.0),
                    Tables.n(r.counts().read()),
                    Tables.n(r.counts().written()),
                    Tables.n(r.counts().quarantined())));
          }
          Tables.print(
              out,
              List.of(
                  "run", "pipeline", "status", "started", "took", "read", "written", "quarantined"),
              rows);
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** {@code runs show ID}. */
  @Command(name = "show", description = "Show one run: status, per-stream counts, errors.")
  public static final class ShowRun extends EnvCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "A run id or an unambiguous prefix.")
    String id;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Mixin DataDirOption dataDir;

    @Override
    public Integer call() {
      try (AppContext ctx = dataDir.context(env)) {
        RunInfo r;
        try {
          r =
              ctx.readOnlyStore()
                  .run(id)
                  .orElseThrow(() -> new UserError("no run with id '" + id + "'", ExitCodes.USAGE));
        } catch (IllegalArgumentException ambiguous) {
          throw new UserError(ambiguous.getMessage(), ExitCodes.USAGE);
        }
        var out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(Json.run(r)));
        } else {
          RunCommand.printHuman(out, r, ctx);
          out.printf(
              "trigger: %s, started %s, finished %s%n", r.trigger(), r.startedAt(), r.finishedAt());
          if (!r.options().isEmpty()) {
            out.printf("options: %s%n", r.options());
          }
          if (r.error() != null) {
            out.printf("error: %s%n", r.error());
          }
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }
}
