package io.tributary.connectors.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spi.Checkpoint;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.Emitter;
import io.tributary.spi.Record;
import io.tributary.spi.RejectedInput;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.store.QueryResult;
import io.tributary.spi.store.StoreReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sql connector over a real (in-memory) DuckDB database standing in for the store. */
class SqlConnectorTest {
  Connection db;
  int queries;

  /** Read-only queries on the DuckDB connection, as the store's reader runs them. */
  final StoreReader reader =
      (sql, maxRows) -> {
        queries++;
        try (Statement st = db.createStatement();
            ResultSet rs = st.executeQuery(sql)) {
          List<String> cols = new ArrayList<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            cols.add(rs.getMetaData().getColumnLabel(i));
          }
          List<List<Object>> rows = new ArrayList<>();
          while (rs.next() && rows.size() < maxRows) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= cols.size(); i++) {
              Object o = rs.getObject(i);
              row.add(o instanceof Integer n ? Long.valueOf(n) : o);
            }
            rows.add(row);
          }
          return new QueryResult(cols, rows, false);
        } catch (SQLException e) {
          throw new IllegalArgumentException("the query failed: " + e.getMessage(), e);
        }
      };

  @BeforeEach
  void openDatabase() throws SQLException {
    db = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = db.createStatement()) {
      st.execute("CREATE SCHEMA src");
      st.execute("CREATE TABLE src.transfers (hash VARCHAR, block BIGINT, value DOUBLE)");
      // 500 transfers in 50 blocks: ten rows share each block number
      st.execute(
          "INSERT INTO src.transfers SELECT 'tx' || i, 1000 + i // 10, i * 1.5 FROM range(500) t(i)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  SqlConnector connector(ConnectorContext.Window window) {
    return new SqlConnector(
        ConnectorContext.of(Path.of("."), Clock.systemUTC()).withWindow(window).withReader(reader));
  }

  static Config config(Object... kv) {
    Map<String, Object> raw = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      raw.put((String) kv[i], kv[i + 1]);
    }
    return Config.of(SqlSettings.SPEC, raw);
  }

  @Test
  void readsEveryRowInPagesWithACheckpointAfterEachPage() {
    Config cfg =
        config(
            "stream", "transfers",
            "query", "SELECT hash, block, value FROM src.transfers",
            "primary_key", List.of("hash"),
            "cursor_field", "block",
            "page_size", 120L);
    SqlConnector c = connector(null);
    StreamSpec spec = c.discover(cfg).get(0);
    Emitting out = new Emitting();

    c.read(spec, cfg, Map.of(), out);

    assertThat(out.records).hasSize(500);
    assertThat(out.records.stream().map(r -> r.get("hash")).distinct()).hasSize(500);
    assertThat(out.records.get(0).data()).containsOnlyKeys("hash", "block", "value");
    assertThat(queries).isEqualTo(5); // 120 + 120 + 120 + 120 + 20
    assertThat(out.checkpoints).hasSize(5);
    assertThat(out.checkpoints.get(4).state()).isEqualTo(Map.of("cursor", 1049L));
    assertThat(spec.primaryKey()).containsExactly("hash");
    assertThat(spec.cursorField()).contains("block");
  }

  @Test
  void aRerunReadsFromTheLastCursorInclusivelySoTiedRowsAreNeverSkipped() throws SQLException {
    Config cfg =
        config(
            "stream", "transfers",
            "query", "SELECT hash, block FROM src.transfers",
            "primary_key", List.of("hash"),
            "cursor_field", "block");
    SqlConnector c = connector(null);
    StreamSpec spec = c.discover(cfg).get(0);
    Emitting first = new Emitting();
    c.read(spec, cfg, Map.of(), first);
    // five more rows arrive in the last block already read, and ten in a new block
    try (Statement st = db.createStatement()) {
      st.execute("INSERT INTO src.transfers SELECT 'late' || i, 1049, 0 FROM range(5) t(i)");
      st.execute("INSERT INTO src.transfers SELECT 'new' || i, 1050, 0 FROM range(10) t(i)");
    }

    Emitting second = new Emitting();
    c.read(spec, cfg, first.checkpoints.get(first.checkpoints.size() - 1).state(), second);

    List<Object> hashes = second.records.stream().map(r -> r.get("hash")).toList();
    // the ten rows of block 1049 read before are read again (the store counts them unchanged)
    assertThat(hashes).hasSize(25);
    assertThat(hashes).filteredOn(h -> ((String) h).startsWith("late")).hasSize(5);
    assertThat(hashes).filteredOn(h -> ((String) h).startsWith("new")).hasSize(10);
    assertThat(second.checkpoints.get(0).state()).isEqualTo(Map.of("cursor", 1050L));
  }

  @Test
  void aBackfillWindowReadsOnlyThatRangeAndMovesNoState() throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute("CREATE TABLE src.posts (id BIGINT, created TIMESTAMP)");
      st.execute(
          "INSERT INTO src.posts SELECT i, TIMESTAMP '2025-01-01' + INTERVAL (i) DAY FROM range(60) t(i)");
    }
    Config cfg =
        config(
            "stream", "posts",
            "query", "SELECT id, created FROM src.posts",
            "primary_key", List.of("id"),
            "cursor_field", "created");
    SqlConnector c =
        connector(
            new ConnectorContext.Window(
                Instant.parse("2025-01-10T00:00:00Z"), Instant.parse("2025-01-20T00:00:00Z")));
    Emitting out = new Emitting();

    c.read(c.discover(cfg).get(0), cfg, Map.of("cursor", "2025-02-01T00:00"), out);

    assertThat(out.records.stream().map(r -> r.get("id")))
        .containsExactlyElementsOf(
            java.util.stream.LongStream.range(9, 19).boxed().map(Object.class::cast).toList());
    assertThat(out.checkpoints).isEmpty();
  }

  @Test
  void severalTablesBecomeSeveralStreams() {
    Config cfg =
        config(
            "tables",
            Map.of(
                "big_blocks",
                Map.of(
                    "query",
                    "SELECT block, sum(value) AS volume FROM src.transfers GROUP BY block"
                        + " HAVING sum(value) > 7000",
                    "primary_key",
                    "block"),
                "whales",
                Map.of(
                    "query",
                    "SELECT hash, value FROM src.transfers WHERE value >= 740",
                    "primary_key",
                    List.of("hash"))));
    SqlConnector c = connector(null);
    List<StreamSpec> streams = c.discover(cfg);
    assertThat(streams).extracting(StreamSpec::name).containsExactly("big_blocks", "whales");

    Emitting whales = new Emitting();
    c.read(streams.get(1), cfg, Map.of(), whales);
    // value = i * 1.5 >= 740  <=>  i >= 494: rows 494..499
    assertThat(whales.records).hasSize(6);
    Emitting blocks = new Emitting();
    c.read(streams.get(0), cfg, Map.of(), blocks);
    // a block of ten rows i = 10b..10b+9 has volume 1.5 * (100b + 45) > 7000  <=>  b >= 47
    assertThat(blocks.records.stream().map(r -> r.get("block")))
        .containsExactly(1047L, 1048L, 1049L);
    assertThat(c.check(cfg).ok()).isTrue();
  }

  @Test
  void everyConfigProblemIsReportedAtOnce() {
    Config cfg =
        config(
            "stream",
            "Bad-Name",
            "query",
            "DELETE FROM src.transfers;",
            "tables",
            Map.of("ok_name", Map.of("primary_key", "x")));
    assertThatThrownBy(() -> SqlSettings.from(cfg))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              var problems = ((ConfigException) e).problems();
              assertThat(problems)
                  .extracting(p -> p.path())
                  .containsExactlyInAnyOrder("stream", "query", "query", "tables.ok_name.query");
            });
  }

  @Test
  void aQueryOverAMissingTableFailsTheStreamWithTheDatabasesReason() {
    Config cfg = config("query", "SELECT * FROM nowhere.nothing");
    SqlConnector c = connector(null);
    assertThatThrownBy(() -> c.read(c.discover(cfg).get(0), cfg, Map.of(), new Emitting()))
        .hasMessageContaining("the query of stream 'records' failed")
        .hasMessageContaining("nothing");
    assertThat(c.check(cfg).ok()).isFalse();
  }

  @Test
  void withoutAStoreTheConnectorSaysSo() {
    Config cfg = config("query", "SELECT 1 AS x");
    SqlConnector c = new SqlConnector(ConnectorContext.of(Path.of("."), Clock.systemUTC()));
    assertThat(c.check(cfg).message()).contains("no store is open here");
    assertThat(Optional.of(c.discover(cfg).get(0).name())).contains("records");
  }

  static final class Emitting implements Emitter {
    final List<Record> records = new ArrayList<>();
    final List<Checkpoint> checkpoints = new ArrayList<>();

    @Override
    public void emit(Record record) {
      records.add(record);
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
      checkpoints.add(checkpoint);
    }

    @Override
    public void reject(RejectedInput input) {
      throw new AssertionError("nothing is rejected: " + input);
    }

    @Override
    public boolean isCancelled() {
      return false;
    }
  }
}
