package io.tributary.app.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code tributary} command. */
@Command(
    name = "tributary",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Collect, clean, enrich and store data from many sources, declared in YAML.",
    subcommands = {
      QuickstartCommand.class,
      InitCommand.class,
      ValidateCommand.class,
      RunCommand.class,
      RunsCommand.class,
      QuarantineCommand.class,
      ServeCommand.class,
      AlertsCommand.class,
      QueryCommand.class,
      ExportCommand.class,
      ConnectorsCommand.class,
      EnrichCommand.class,
      EvalCommand.class,
      BenchCommand.class,
      GenDocsCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0    success",
      "  1    the run failed or partially failed",
      "  2    usage or configuration error",
      "  3    internal or environment error (store locked, no permission, bug)",
      "  130  interrupted (Ctrl-C / SIGTERM); the current batch was finished consistently",
      "",
      "Environment: TRIBUTARY_HOME chooses the data directory (default ./tributary-data)."
    })
public final class TributaryCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A command line wired with the process environment. */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cli = new CommandLine(new TributaryCommand(), new Factory(env));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /** Gives every command the environment map (no static state). */
  static final class Factory implements CommandLine.IFactory {
    private final Map<String, String> env;

    Factory(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (EnvAware.class.isAssignableFrom(cls)) {
        K k = CommandLine.defaultFactory().create(cls);
        ((EnvAware) k).setEnv(env);
        return k;
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
