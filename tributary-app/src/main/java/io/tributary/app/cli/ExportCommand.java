package io.tributary.app.cli;

import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.app.UserError;
import io.tributary.spi.store.ExportFormat;
import io.tributary.spi.store.Store;
import io.tributary.spi.store.TableRef;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary export STREAM --format F --out FILE}. */
@Command(name = "export", description = "Write a stream's table to a CSV, JSON or Parquet file.")
public final class ExportCommand extends EnvCommand {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "STREAM",
      description =
          "The table: <pipeline>.<stream>, or just <stream> when only one pipeline has it.")
  String stream;

  @Option(names = "--format", required = true, description = "csv, json or parquet.")
  ExportFormat format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
  Path out;

  @Mixin DataDirOption dataDir;

  @Override
  public Integer call() {
    try (AppContext ctx = dataDir.context(env)) {
      Store store = ctx.readOnlyStore();
      TableRef table = resolve(store.tables(), stream);
      long rows = store.export(table, format, out);
      spec.commandLine().getOut().printf("exported %,d rows of %s to %s%n", rows, table, out);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  static TableRef resolve(List<TableRef> tables, String name) {
    List<TableRef> matches =
        tables.stream()
            .filter(t -> t.toString().equalsIgnoreCase(name) || t.table().equalsIgnoreCase(name))
            .toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    String known = String.join(", ", tables.stream().map(TableRef::toString).toList());
    if (matches.isEmpty()) {
      throw new UserError(
          "no stream table '" + name + "'; known: " + (known.isEmpty() ? "none" : known),
          ExitCodes.USAGE);
    }
    throw new UserError(
        "'"
            + name
            + "' is ambiguous; write <pipeline>.<stream>, one of: "
            + String.join(", ", matches.stream().map(TableRef::toString).toList()),
        ExitCodes.USAGE);
  }
}
