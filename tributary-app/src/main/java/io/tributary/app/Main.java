package io.tributary.app;

import io.tributary.app.cli.TributaryCommand;
import io.tributary.spi.ConfigException;
import io.tributary.store.StoreLockedException;
import picocli.CommandLine;

/** Entry point of the runnable jar: maps every failure to a clear message and an exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns the exit code (used by tests too). */
  public static int execute(String... args) {
    CommandLine cli = TributaryCommand.commandLine(System.getenv());
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          var err = commandLine.getErr();
          if (ex instanceof UserError ue) {
            err.println("tributary: " + ue.getMessage());
            return ue.exitCode();
          }
          if (ex instanceof ConfigException ce) {
            if (ce.problems().isEmpty()) {
              err.println("tributary: configuration error: " + ce.getMessage());
            } else {
              err.println("tributary: configuration error (" + ce.problems().size() + "):");
              ce.problems().forEach(p -> err.println("  " + p));
            }
            return ExitCodes.USAGE;
          }
          if (ex instanceof StoreLockedException sl) {
            err.println("tributary: " + sl.getMessage());
            return ExitCodes.INTERNAL;
          }
          err.println("tributary: internal error: " + ex);
          if (System.getenv("TRIBUTARY_DEBUG") != null) {
            ex.printStackTrace(err);
          } else {
            err.println("  (set TRIBUTARY_DEBUG=1 to see the stack trace)");
          }
          return ExitCodes.INTERNAL;
        });
    return cli.execute(args);
  }
}
