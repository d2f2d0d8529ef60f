package io.tributary.app.cli;

import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.engine.config.PipelineLoader;
import io.tributary.spi.config.ConfigProblem;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary validate FILE...}. */
@Command(
    name = "validate",
    description =
        "Check pipeline files and report every problem as file:line:column, key, bad value and what"
            + " to do. Exit code 2 if any file has a problem.")
public final class ValidateCommand extends EnvCommand {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Pipeline files (YAML).")
  List<Path> files;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    int bad = 0;
    try (AppContext ctx = new AppContext(Path.of("."), Clock.systemUTC(), env)) {
      for (Path f : files) {
        List<ConfigProblem> problems = new PipelineLoader(ctx.pluginsFor(f, null), env).validate(f);
        if (problems.isEmpty()) {
          out.println(f + ": ok");
        } else {
          bad++;
          err.println(
              f + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
          problems.forEach(p -> err.println("  " + p));
        }
      }
    }
    out.flush();
    err.flush();
    return bad == 0 ? ExitCodes.OK : ExitCodes.USAGE;
  }
}
