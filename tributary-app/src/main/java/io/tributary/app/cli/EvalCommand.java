package io.tributary.app.cli;

import io.tributary.app.ExitCodes;
import io.tributary.enrich.eval.Evaluator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary eval sentiment|language FILE}. */
@Command(
    name = "eval",
    description =
        "Score an enricher against your labelled JSON lines ({\"text\": …, \"label\": …} or"
            + " {\"text\": …, \"score\": …}): accuracy, correlation, per-class precision/recall/F1.")
public final class EvalCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TASK", description = "sentiment or language.")
  String task;

  @Parameters(index = "1", paramLabel = "FILE", description = "Labelled JSON lines.")
  Path file;

  @Override
  public Integer call() throws Exception {
    Evaluator.Task t;
    try {
      t = Evaluator.Task.of(task);
    } catch (IllegalArgumentException e) {
      throw new io.tributary.app.UserError(e.getMessage(), ExitCodes.USAGE);
    }
    if (!java.nio.file.Files.isReadable(file)) {
      throw new io.tributary.app.UserError("cannot read " + file, ExitCodes.USAGE);
    }
    var result = new Evaluator().evaluate(t, file);
    spec.commandLine().getOut().println(result.format());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
