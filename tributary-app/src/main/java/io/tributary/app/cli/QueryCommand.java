package io.tributary.app.cli;

import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.spi.store.QueryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary query "SQL"}. */
@Command(
    name = "query",
    description =
        "Run a read-only SQL query against the store. Stream tables are <pipeline>.<stream>;"
            + " run history is in tributary.runs, quarantined records in tributary.quarantine.")
public final class QueryCommand extends EnvCommand {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SQL",
      description = "One SELECT (or WITH/SHOW/DESCRIBE) statement.")
  String sql;

  @Option(names = "--json", description = "Print a JSON array with one object per row.")
  boolean json;

  @Option(
      names = "--max-rows",
      defaultValue = "1000",
      description = "Row limit (default ${DEFAULT-VALUE}).")
  int maxRows;

  @Mixin DataDirOption dataDir;

  @Override
  public Integer call() {
    try (AppContext ctx = dataDir.context(env)) {
      QueryResult r;
      try {
        r = ctx.readOnlyStore().query(sql, maxRows);
      } catch (IllegalArgumentException refused) {
        throw new io.tributary.app.UserError(refused.getMessage(), ExitCodes.USAGE);
      }
      var out = spec.commandLine().getOut();
      if (json) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<Object> row : r.rows()) {
          Map<String, Object> m = new LinkedHashMap<>();
          for (int i = 0; i < r.columns().size(); i++) {
            m.put(r.columns().get(i), row.get(i));
          }
          rows.add(m);
        }
        out.println(Json.write(rows));
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (List<Object> row : r.rows()) {
          rows.add(row.stream().map(v -> v == null ? "null" : String.valueOf(v)).toList());
        }
        Tables.print(out, r.columns(), rows);
        out.printf(
            "(%d row%s%s)%n",
            r.rows().size(),
            r.rows().size() == 1 ? "" : "s",
            r.truncated() ? ", more rows exist: raise --max-rows" : "");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
