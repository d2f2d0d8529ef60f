package io.tributary.app.cli;

import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.app.UserError;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.run.PipelineDag;
import io.tributary.engine.run.RunListener;
import io.tributary.engine.run.RunOptions;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tributary run A.yaml B.yaml …} or {@code tributary run DIR}: runs a DAG of pipelines once,
 * each after the pipelines its {@code after:} names. A pipeline whose upstream did not succeed is
 * skipped, with the reason; independent branches go on.
 */
final class PipelineDagRun {
  private PipelineDagRun() {}

  static int run(
      picocli.CommandLine.Model.CommandSpec spec,
      Map<String, String> env,
      DataDirOption dataDir,
      List<Path> files,
      RunOptions options,
      boolean json) {
    return RunCommand.withSignals(
        cancellation -> {
          try (AppContext ctx = dataDir.context(env)) {
            List<PipelineConfig> pipelines = new ArrayList<>();
            for (Path f : files) {
              pipelines.add(ctx.loadPipeline(f));
            }
            PipelineDag dag;
            try {
              dag = PipelineDag.of(pipelines);
            } catch (IllegalArgumentException e) {
              throw new UserError(e.getMessage(), ExitCodes.USAGE);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (!json) {
              out.printf(
                  "running %d pipelines in order: %s%n",
                  dag.order().size(),
                  String.join(" -> ", dag.order().stream().map(PipelineConfig::name).toList()));
              dag.outside()
                  .forEach(
                      (p, ups) ->
                          out.printf(
                              "note: %s names %s in 'after:', which %s not in this run and is not"
                                  + " waited for%n",
                              p, String.join(", ", ups), ups.size() == 1 ? "is" : "are"));
            }
            List<RunInfo> runs = new ArrayList<>();
            Map<String, String> skipped = new LinkedHashMap<>();
            Set<String> notSucceeded = new HashSet<>();
            for (PipelineConfig p : dag.order()) {
              if (cancellation.isCancelled()) {
                skipped.put(p.name(), "the run was interrupted");
                continue;
              }
              List<String> failedUp =
                  dag.upstreamsOf(p).stream().filter(notSucceeded::contains).sorted().toList();
              if (!failedUp.isEmpty()) {
                skipped.put(
                    p.name(), "upstream " + String.join(", ", failedUp) + " did not succeed");
                notSucceeded.add(p.name());
                continue;
              }
              RunListener listener = json ? RunListener.NONE : Progress.forTerminal(System.err);
              RunInfo r = ctx.runner(p).run(p, options, cancellation, listener);
              if (listener instanceof Progress pr) {
                pr.clear();
              }
              runs.add(r);
              if (r.status() != RunStatus.SUCCEEDED) {
                notSucceeded.add(p.name());
              }
              if (!json) {
                RunCommand.printHuman(out, r, ctx);
              }
            }
            boolean cancelled = runs.stream().anyMatch(r -> r.status() == RunStatus.CANCELLED);
            String status =
                cancelled
                    ? "cancelled"
                    : notSucceeded.isEmpty()
                        ? "succeeded"
                        : runs.stream().anyMatch(r -> r.status() == RunStatus.SUCCEEDED)
                            ? "partially_failed"
                            : "failed";
            if (json) {
              Map<String, Object> o = new LinkedHashMap<>();
              o.put("status", status);
              o.put("runs", runs.stream().map(Json::run).toList());
              List<Map<String, Object>> sk = new ArrayList<>();
              skipped.forEach((n, why) -> sk.add(Map.of("pipeline", n, "reason", why)));
              o.put("skipped", sk);
              out.println(Json.write(o));
            } else {
              skipped.forEach((n, why) -> out.printf("skipped %s: %s%n", n, why));
              out.printf(
                  "%s: %d pipeline(s) succeeded, %d did not, %d skipped%n",
                  status,
                  runs.stream().filter(r -> r.status() == RunStatus.SUCCEEDED).count(),
                  runs.stream().filter(r -> r.status() != RunStatus.SUCCEEDED).count(),
                  skipped.size());
            }
            out.flush();
            if (cancelled) {
              return ExitCodes.INTERRUPTED;
            }
            return notSucceeded.isEmpty() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
          }
        });
  }
}
