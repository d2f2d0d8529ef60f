package io.tributary.store.duckdb;

import io.tributary.spi.Checkpoint;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.store.QuarantineEntry;
import io.tributary.spi.store.TableRef;
import io.tributary.spi.store.WriteBatch;
import io.tributary.spi.store.WriteResult;
import io.tributary.store.duckdb.StreamTable.Column;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes one {@link WriteBatch} inside the caller's open transaction, in these steps:
 *
 * <ol>
 *   <li>keep the last record of each key;
 *   <li>append only keys and hashes to a temporary table with DuckDB's appender and join it with
 *       the stream table: a key that is stored with the same hash is unchanged and costs nothing
 *       more (a re-run of identical data stops here);
 *   <li>add a column for each field the remaining records bring, and check every value against its
 *       column; a record with a value that does not fit goes to the quarantine instead;
 *   <li>append records with new keys straight into the stream table with the appender;
 *   <li>append records with changed content to a temporary staging table and update the stored rows
 *       from it;
 *   <li>delete the quarantine entries the batch resolves (a replay), append the batch's quarantine
 *       entries and upsert the checkpoint's state.
 * </ol>
 *
 * The caller commits or rolls back. Not thread-safe: the store runs one at a time on its writer
 * connection.
 */
final class BatchWriter {
  static final String STAGE = "tributary_stage";
  static final String KEYS = "tributary_keys";

  /** Longest payload kept for a record the store itself quarantines, in characters. */
  static final int PAYLOAD_CAP = 65_536;

  /** A test hook: named points inside a write where a test can make it fail. */
  @FunctionalInterface
  interface Failpoint {
    Failpoint NONE = name -> {};

    void reached(String name);
  }

  /** The table after the write (possibly with new columns) and what the write did. */
  record Outcome(StreamTable table, WriteResult result) {}

  private record Row(String key, String hash, Instant fetchedAt, String origin, Object[] values) {}

  private final DuckDBConnection conn;
  private final WriteBatch batch;
  private final Instant now;
  private final LongSupplier quarantineIds;
  private final Failpoint failpoint;
  private final List<QuarantineEntry> refused = new ArrayList<>();
  private StreamTable table;

  BatchWriter(
      DuckDBConnection conn,
      StreamTable table,
      WriteBatch batch,
      Instant now,
      LongSupplier quarantineIds,
      Failpoint failpoint) {
    this.conn = conn;
    this.table = table;
    this.batch = batch;
    this.now = now;
    this.quarantineIds = quarantineIds;
    this.failpoint = failpoint;
  }

  Outcome write() throws SQLException {
    List<Record> records = batch.records() == null ? List.of() : batch.records();
    // a key twice in one batch: the later record wins
    Map<String, Record> winners = new LinkedHashMap<>(records.size() * 2);
    List<Record> superseded = new ArrayList<>();
    for (Record r : records) {
      if (r.key() == null || r.hash() == null) {
        throw new IllegalArgumentException(
            "record from "
                + r.origin()
                + " of stream "
                + r.stream()
                + " has no key or hash; the engine must stamp records before writing them");
      }
      Record previous = winners.put(r.key(), r);
      if (previous != null) {
        superseded.add(previous);
      }
    }

    long inserted = 0;
    long updated = 0;
    long unchanged = 0;
    if (!winners.isEmpty()) {
      Map<String, Boolean> pending = keysToWrite(winners.values());
      List<Record> toWrite = new ArrayList<>(pending.size());
      for (Record r : winners.values()) {
        if (pending.containsKey(r.key())) {
          toWrite.add(r);
        }
      }
      unchanged = winners.size() - toWrite.size();
      addNewColumns(toWrite);
      List<Row> rows = fit(toWrite);
      List<Row> inserts = new ArrayList<>(rows.size());
      List<Row> updates = new ArrayList<>();
      for (Row row : rows) {
        (pending.get(row.key()) ? inserts : updates).add(row);
      }
      insert(inserts);
      update(updates);
      inserted = inserts.size();
      updated = updates.size();
    }
    for (Record s : superseded) {
      if (s.hash().equals(winners.get(s.key()).hash())) {
        unchanged++;
      } else {
        updated++;
      }
    }

    appendQuarantine();
    failpoint.reached("after-merge");
    saveCheckpoint(batch.checkpoint());
    failpoint.reached("before-commit");
    return new Outcome(table, new WriteResult(inserted, updated, unchanged, refused.size()));
  }

  /**
   * Which of the records must be written: their keys, mapped to {@code true} for a new key and
   * {@code false} for a stored key with a different hash. Only keys and hashes are staged for this,
   * so a re-run of unchanged data costs little.
   */
  private Map<String, Boolean> keysToWrite(Iterable<Record> records) throws SQLException {
    if (table.isNew()) {
      Map<String, Boolean> all = new LinkedHashMap<>();
      records.forEach(r -> all.put(r.key(), Boolean.TRUE));
      return all;
    }
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE OR REPLACE TEMP TABLE " + KEYS + " (_key VARCHAR, _hash VARCHAR)");
    }
    try (DuckDBAppender ap = conn.createAppender("temp", "main", KEYS)) {
      for (Record r : records) {
        ap.beginRow().append(r.key()).append(r.hash()).endRow();
      }
    }
    Map<String, Boolean> pending = new HashMap<>();
    try (Statement st = conn.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT k._key, t._key IS NULL FROM "
                  + KEYS
                  + " k LEFT JOIN "
                  + table.ref().sql()
                  + " t ON k._key = t._key WHERE t._key IS NULL OR t._hash IS DISTINCT FROM"
                  + " k._hash")) {
        while (rs.next()) {
          pending.put(rs.getString(1), rs.getBoolean(2));
        }
      }
      st.execute("DROP TABLE temp.main." + KEYS);
    }
    return pending;
  }

  /** Appends rows with new keys straight into the stream table. */
  private void insert(List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    TableRef ref = table.ref();
    try (DuckDBAppender ap = conn.createAppender(Sessions.CATALOG, ref.schema(), ref.table())) {
      for (Row row : rows) {
        appendRow(ap, row);
      }
    }
  }

  /** Replaces the rows of stored keys through a staging table. */
  private void update(List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    String target = table.ref().sql();
    try (Statement st = conn.createStatement()) {
      st.execute(
          "CREATE OR REPLACE TEMP TABLE " + STAGE + " AS SELECT * FROM " + target + " LIMIT 0");
    }
    try (DuckDBAppender ap = conn.createAppender("temp", "main", STAGE)) {
      for (Row row : rows) {
        appendRow(ap, row);
      }
    }
    StringBuilder set = new StringBuilder();
    for (Column c : table.columns()) {
      if (c.role() != StreamTable.Role.KEY) {
        set.append(set.isEmpty() ? "" : ", ").append(c.quoted()).append(" = s.").append(c.quoted());
      }
    }
    try (Statement st = conn.createStatement()) {
      long n =
          st.executeLargeUpdate(
              "UPDATE "
                  + target
                  + " AS t SET "
                  + set
                  + " FROM "
                  + STAGE
                  + " s WHERE t._key = s._key");
      if (n != rows.size()) {
        throw new IllegalStateException(
            "updating " + table.ref() + " changed " + n + " rows, expected " + rows.size());
      }
      st.execute("DROP TABLE temp.main." + STAGE);
    }
  }

  /** Adds a column for every field of the batch that has none yet, inside the transaction. */
  private void addNewColumns(List<Record> records) throws SQLException {
    Set<String> fresh = new LinkedHashSet<>();
    for (Record r : records) {
      for (String field : r.data().keySet()) {
        if (table.column(field) == null) {
          fresh.add(field);
        }
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    Map<String, Object> declared = TypeRules.declaredProperties(spec());
    for (String field : fresh) {
      ColumnType type =
          declared.containsKey(field)
              ? TypeRules.fromJsonSchema(declared.get(field))
              : TypeRules.infer(records, field);
      table = Catalog.addColumn(conn, table, field, type);
    }
  }

  /** Converts each record's values for their columns; records with a misfit are quarantined. */
  private List<Row> fit(List<Record> records) {
    List<Column> data = table.dataColumns();
    List<Row> rows = new ArrayList<>(records.size());
    for (Record r : records) {
      Object[] values = new Object[data.size()];
      List<String> misfits = null;
      String firstField = null;
      for (Map.Entry<String, Object> e : r.data().entrySet()) {
        Column col = table.column(e.getKey());
        Object v = col.type().convert(e.getValue());
        if (v == ColumnType.NO_FIT) {
          if (misfits == null) {
            misfits = new ArrayList<>(2);
            firstField = e.getKey();
          }
          misfits.add(
              "field '"
                  + e.getKey()
                  + "' is "
                  + col.type().sql()
                  + " in table "
                  + table.ref()
                  + " but this record has "
                  + col.type().misfit(e.getValue()));
        } else {
          values[col.dataIndex()] = v;
        }
      }
      if (misfits != null) {
        refused.add(refusal(r, firstField, String.join("; ", misfits)));
      } else {
        rows.add(new Row(r.key(), r.hash(), r.fetchedAt(), r.origin(), values));
      }
    }
    return rows;
  }

  private QuarantineEntry refusal(Record r, String field, String reason) {
    String payload;
    try {
      payload = Json.write(r.data());
    } catch (IllegalArgumentException e) {
      payload = String.valueOf(r.data());
    }
    if (payload.length() > PAYLOAD_CAP) {
      payload = payload.substring(0, PAYLOAD_CAP) + "…(truncated)";
    }
    return new QuarantineEntry(
        batch.runId(),
        batch.pipeline(),
        spec().name(),
        "store",
        "type",
        "/" + field.replace("~", "~0").replace("/", "~1"),
        reason,
        r.origin(),
        payload,
        now);
  }

  private void appendRow(DuckDBAppender ap, Row row) throws SQLException {
    ap.beginRow();
    for (Column c : table.columns()) {
      switch (c.role()) {
        case KEY -> ap.append(row.key());
        case HASH -> ap.append(row.hash());
        case SOURCE -> appendText(ap, batch.source());
        case RUN_ID -> appendText(ap, batch.runId());
        case FETCHED_AT -> {
          if (row.fetchedAt() == null) {
            ap.appendNull();
          } else {
            ap.appendEpochMicros(ColumnType.epochMicros(row.fetchedAt()));
          }
        }
        case ORIGIN -> appendText(ap, row.origin());
        case DATA -> appendValue(ap, c.type(), row.values()[c.dataIndex()]);
      }
    }
    ap.endRow();
  }

  private static void appendText(DuckDBAppender ap, String s) throws SQLException {
    if (s == null) {
      ap.appendNull();
    } else {
      ap.append(s);
    }
  }

  private static void appendValue(DuckDBAppender ap, ColumnType type, Object v)
      throws SQLException {
    if (v == null) {
      ap.appendNull();
      return;
    }
    switch (type) {
      case VARCHAR, JSON -> ap.append((String) v);
      case BIGINT -> ap.append(((Long) v).longValue());
      case DOUBLE -> ap.append(((Double) v).doubleValue());
      case BOOLEAN -> ap.append(((Boolean) v).booleanValue());
      case TIMESTAMPTZ -> ap.appendEpochMicros((Long) v);
    }
  }

  private void appendQuarantine() throws SQLException {
    DuckDbStore.deleteQuarantineRows(conn, batch.resolved());
    List<QuarantineEntry> entries = new ArrayList<>();
    if (batch.quarantined() != null) {
      entries.addAll(batch.quarantined());
    }
    entries.addAll(refused);
    if (entries.isEmpty()) {
      return;
    }
    forgetEarlierCopies(entries);
    try (DuckDBAppender ap = conn.createAppender(Sessions.CATALOG, "tributary", "quarantine")) {
      for (QuarantineEntry q : entries) {
        ap.beginRow();
        ap.append(quarantineIds.getAsLong());
        appendText(ap, q.runId() != null ? q.runId() : batch.runId());
        appendText(ap, q.pipeline() != null ? q.pipeline() : batch.pipeline());
        appendText(ap, q.stream() != null ? q.stream() : spec().name());
        appendText(ap, q.stage() != null ? q.stage() : "unknown");
        appendText(ap, q.rule());
        appendText(ap, q.field());
        appendText(ap, q.reason() != null ? q.reason() : "(no reason given)");
        appendText(ap, q.origin());
        appendText(ap, q.payload());
        ap.appendEpochMicros(ColumnType.epochMicros(q.at() != null ? q.at() : now));
        ap.endRow();
      }
    }
  }

  /**
   * The quarantine keeps each rejected input once: an input with the same origin, stage and rule
   * that is rejected again (a re-read after a crash resumed from the last checkpoint, or a re-run)
   * replaces its earlier entry instead of doubling it. Entries without an origin are always kept.
   */
  private void forgetEarlierCopies(List<QuarantineEntry> entries) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "DELETE FROM tributary.quarantine WHERE pipeline = ? AND stream = ? AND origin = ?"
                + " AND stage = ? AND rule IS NOT DISTINCT FROM ?")) {
      int n = 0;
      for (QuarantineEntry q : entries) {
        if (q.origin() == null) {
          continue;
        }
        ps.setString(1, q.pipeline() != null ? q.pipeline() : batch.pipeline());
        ps.setString(2, q.stream() != null ? q.stream() : spec().name());
        ps.setString(3, q.origin());
        ps.setString(4, q.stage() != null ? q.stage() : "unknown");
        ps.setString(5, q.rule());
        ps.addBatch();
        n++;
      }
      if (n > 0) {
        ps.executeBatch();
      }
    }
  }

  private void saveCheckpoint(Checkpoint checkpoint) throws SQLException {
    if (checkpoint == null) {
      return;
    }
    String state = Json.write(checkpoint.state());
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO tributary.state VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (pipeline, stream) DO UPDATE SET state = excluded.state,"
                + " run_id = excluded.run_id, updated_at = excluded.updated_at")) {
      ps.setString(1, batch.pipeline());
      ps.setString(2, checkpoint.stream());
      ps.setString(3, state);
      ps.setString(4, batch.runId());
      ps.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      ps.executeUpdate();
    }
  }

  private StreamSpec spec() {
    return batch.stream();
  }
}
