package io.tributary.connectors.sql;

import io.tributary.spi.CheckResult;
import io.tributary.spi.Checkpoint;
import io.tributary.spi.ConfigException;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.Emitter;
import io.tributary.spi.PermanentException;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.store.QueryResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** See {@link SqlConnectorProvider}. Holds no state between calls. */
final class SqlConnector implements Connector {
  static final String CURSOR = "cursor";

  private final ConnectorContext context;

  SqlConnector(ConnectorContext context) {
    this.context = context;
  }

  @Override
  public CheckResult check(Config config) {
    SqlSettings settings;
    try {
      settings = SqlSettings.from(config);
    } catch (ConfigException e) {
      return CheckResult.failed(e.getMessage());
    }
    List<String> counts = new ArrayList<>();
    for (Map.Entry<String, SqlSettings.Table> e : settings.tables().entrySet()) {
      try {
        QueryResult r =
            context
                .reader()
                .query("SELECT count(*) FROM (" + e.getValue().query() + ") AS _src", 1);
        counts.add(e.getKey() + ": " + r.rows().get(0).get(0) + " row(s)");
      } catch (RuntimeException ex) {
        return CheckResult.failed(e.getKey() + ": " + ex.getMessage());
      }
    }
    return CheckResult.ok(String.join(", ", counts));
  }

  @Override
  public List<StreamSpec> discover(Config config) {
    SqlSettings settings = SqlSettings.from(config);
    List<StreamSpec> out = new ArrayList<>();
    settings
        .tables()
        .forEach(
            (name, t) -> out.add(new StreamSpec(name, Map.of(), t.primaryKey(), t.cursorField())));
    out.sort(java.util.Comparator.comparing(StreamSpec::name));
    return out;
  }

  @Override
  public void read(StreamSpec stream, Config config, Map<String, Object> state, Emitter emitter) {
    SqlSettings settings = SqlSettings.from(config);
    SqlSettings.Table table = settings.tables().get(stream.name());
    if (table == null) {
      throw new PermanentException("the sql source declares no stream '" + stream.name() + "'");
    }
    Optional<String> cursor = table.cursorField();
    var window = context.window();
    if (window.isPresent() && cursor.isEmpty()) {
      throw new ConfigException(
          List.of(
              ConfigProblem.at(
                  SqlSettings.CURSOR_FIELD,
                  null,
                  "a backfill window needs 'cursor_field' to know which rows fall in it")));
    }
    List<String> where = new ArrayList<>();
    Object from = window.isPresent() ? null : state.get(CURSOR);
    if (cursor.isPresent()) {
      String c = "_src." + ident(cursor.get());
      if (from != null) {
        where.add(c + " >= " + literal(from));
      }
      window.ifPresent(
          w -> {
            if (w.from() != null) {
              where.add(c + " >= " + literal(w.from().toString()));
            }
            if (w.to() != null) {
              where.add(c + " < " + literal(w.to().toString()));
            }
          });
    }
    List<String> order = new ArrayList<>();
    cursor.ifPresent(c -> order.add("_src." + ident(c)));
    table.primaryKey().forEach(k -> order.add("_src." + ident(k)));
    String sql =
        "SELECT * FROM ("
            + table.query()
            + ") AS _src"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY "
            + (order.isEmpty() ? "ALL" : String.join(", ", order));

    Object highest = from;
    long offset = 0;
    while (!emitter.isCancelled()) {
      QueryResult page;
      try {
        page =
            context
                .reader()
                .query(
                    sql + " LIMIT " + settings.pageSize() + " OFFSET " + offset, Integer.MAX_VALUE);
      } catch (IllegalArgumentException e) {
        throw new PermanentException(
            "the query of stream '" + stream.name() + "' failed: " + e.getMessage(), e);
      }
      int cursorAt = cursor.map(c -> page.columns().indexOf(c)).orElse(-1);
      if (cursor.isPresent() && cursorAt < 0 && !page.columns().isEmpty()) {
        throw new ConfigException(
            List.of(
                ConfigProblem.at(
                    SqlSettings.CURSOR_FIELD,
                    cursor.get(),
                    "the query's result has no such column; columns: " + page.columns())));
      }
      for (int r = 0; r < page.rows().size(); r++) {
        List<Object> row = page.rows().get(r);
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < page.columns().size(); i++) {
          data.put(page.columns().get(i), row.get(i));
        }
        emitter.emit(Record.of(stream.name(), data, "sql:" + stream.name() + "#" + (offset + r)));
        if (cursorAt >= 0 && row.get(cursorAt) != null) {
          highest = row.get(cursorAt);
        }
      }
      offset += page.rows().size();
      if (cursor.isPresent() && window.isEmpty() && highest != null) {
        emitter.checkpoint(new Checkpoint(stream.name(), Map.of(CURSOR, highest)));
      }
      if (page.rows().size() < settings.pageSize()) {
        break;
      }
    }
  }

  /** A double-quoted SQL identifier. */
  static String ident(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A SQL literal for a cursor value this connector read from the store itself. */
  static String literal(Object v) {
    return switch (v) {
      case Long l -> l.toString();
      case Integer i -> i.toString();
      case Double d -> d.toString();
      case BigDecimal d -> d.toPlainString();
      case BigInteger b -> b.toString();
      default -> "'" + String.valueOf(v).replace("'", "''") + "'";
    };
  }
}
