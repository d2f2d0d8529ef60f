package io.tributary.app.cli;

import io.tributary.app.AppContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option shared by commands that use the store. */
final class DataDirOption {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the data lives (default: $TRIBUTARY_HOME, else ./tributary-data). The store is"
              + " DIR/tributary.duckdb.")
  Path dataDir;

  AppContext context(Map<String, String> env) {
    return new AppContext(AppContext.resolveDataDir(dataDir, env), Clock.systemUTC(), env);
  }
}
