package io.tributary.store.duckdb;

import io.tributary.spi.ConfigException;
import io.tributary.spi.PermanentException;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.TributaryException;
import io.tributary.spi.store.ExportFormat;
import io.tributary.spi.store.QuarantineEntry;
import io.tributary.spi.store.QuarantineFilter;
import io.tributary.spi.store.QuarantinedRecord;
import io.tributary.spi.store.QueryResult;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.Store;
import io.tributary.spi.store.TableRef;
import io.tributary.spi.store.WriteBatch;
import io.tributary.spi.store.WriteResult;
import io.tributary.store.StoreLockedException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: one DuckDB file holding a typed table per stream ({@code
 * <pipeline>.<stream>}) and the system tables in schema {@code tributary} ({@code runs}, {@code
 * state}, {@code quarantine}, {@code quota_usage}, {@code stream_columns}, and Flyway's {@code
 * schema_history}).
 *
 * <h2>Stream tables</h2>
 *
 * Each starts with the system columns {@code _key} (one row per key), {@code _hash}, {@code
 * _source}, {@code _run_id}, {@code _fetched_at} and {@code _origin}, followed by one column per
 * top-level record field. Column types come from the stream's JSON Schema, or, for fields it does
 * not declare, from the values of the first batch that carries them. Columns are only ever added
 * (inside the write transaction that brings the field); a value that does not fit its column sends
 * its record to the quarantine (stage {@code store}, rule {@code type}). DuckDB identifiers are
 * case-insensitive, so a field that differs from an existing column only in letter case (or is
 * named like a system column) gets a suffixed column ({@code Name} → {@code Name_2}); {@code
 * tributary.stream_columns} remembers which field each column holds.
 *
 * <p>Writes classify each batch by key first (only keys and hashes are staged), then append new
 * keys straight into the table with DuckDB's appender and update changed keys from a staging table;
 * unchanged records are not touched. {@code _key} is NOT NULL but carries no PRIMARY KEY
 * constraint: the store's single serialised writer keeps keys unique (it classifies every key
 * against the table inside the write transaction), and at a million rows DuckDB's index cost 13%
 * more CPU per record and 29% more file size in {@code DuckDbStoreWriteBenchmark}.
 *
 * <h2>Lifecycle</h2>
 *
 * {@link #open} opens (creating if needed) and migrates a file for reading and writing; DuckDB lets
 * only one process open it so, and a second gets a {@link StoreLockedException}. {@link
 * #openReadOnly} opens an existing file for {@code query}, {@code export} and the history while no
 * process writes it; its mutating methods throw {@link IllegalStateException}. {@link #close}
 * releases the file. Open each file once per process and share the instance: DuckDB's file lock
 * only keeps other processes out.
 *
 * <h2>Threading</h2>
 *
 * Every method may be called from any thread. Writes ({@link #write}, {@link #prepare}, runs,
 * state) are serialised on one writer connection; quota consumption is serialised on its own
 * connection so connectors are not held up by a batch commit; reads each use a fresh connection on
 * the same database and see the last committed data, concurrently with writes.
 */
public final class DuckDbStore implements Store {
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbStore.class);
  private static final Pattern HOLDER_PID = Pattern.compile("PID (\\d+)");

  private final Path file;
  private final boolean readOnly;
  private final Clock clock;
  private final DuckDBConnection primary;
  private final DuckDBConnection writer;
  private final DuckDBConnection quota;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock quotaLock = new ReentrantLock();
  private final Map<String, StreamTable> tables = new ConcurrentHashMap<>();
  private long nextQuarantineId; // guarded by writeLock
  private volatile BatchWriter.Failpoint failpoint = BatchWriter.Failpoint.NONE;
  private volatile boolean closed;

  private DuckDbStore(Path file, boolean readOnly, Clock clock, DuckDBConnection primary)
      throws SQLException {
    this.file = file;
    this.readOnly = readOnly;
    this.clock = clock;
    this.primary = primary;
    if (readOnly) {
      this.writer = null;
      this.quota = null;
    } else {
      this.writer = Sessions.duplicate(primary);
      this.writer.setAutoCommit(false);
      this.quota = Sessions.duplicate(primary);
      this.quota.setAutoCommit(false);
      try (Statement st = writer.createStatement();
          ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM tributary.quarantine")) {
        rs.next();
        this.nextQuarantineId = rs.getLong(1) + 1;
      }
      writer.commit();
    }
  }

  /**
   * Opens the store file for reading and writing, creating it and its parent directories if needed,
   * and migrates its system schema.
   *
   * @param file the DuckDB file, e.g. {@code tributary-data/tributary.duckdb}
   * @param clock the time source for heartbeats, state and quarantine timestamps
   * @throws StoreLockedException if another process has the file open
   * @throws ConfigException if the directory cannot be created or the path is a directory
   * @throws PermanentException if the file cannot be opened or migrated
   */
  public static DuckDbStore open(Path file, Clock clock) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(clock, "clock");
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot create the data directory "
              + dir
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); choose a writable directory with --data-dir or TRIBUTARY_HOME");
    }
    if (Files.isDirectory(abs)) {
      throw new ConfigException(
          "the store path " + abs + " is a directory; give the path of a .duckdb file");
    }
    DuckDBConnection primary = connect(abs, false);
    try {
      int applied = Migrations.appliedVersion(primary);
      if (applied > Migrations.LATEST) {
        throw new ConfigException(
            "the store "
                + abs
                + " was written by a newer Tributary (schema version "
                + applied
                + ", this one knows "
                + Migrations.LATEST
                + "); use that newer version");
      }
      if (applied < Migrations.LATEST) {
        // Flyway costs about a second to start, so it runs only when there is work for it
        var result = Migrations.migrate(primary);
        LOG.info(
            "Store {} migrated to schema version {}",
            abs,
            result.targetSchemaVersion == null ? "?" : result.targetSchemaVersion);
      }
      failAbandonedRuns(primary, abs);
      return new DuckDbStore(abs, false, clock, primary);
    } catch (FlywayException e) {
      closeQuietly(primary);
      throw new PermanentException("cannot migrate the store " + abs + ": " + e.getMessage(), e);
    } catch (TributaryException e) {
      closeQuietly(primary);
      throw e;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(primary);
      throw new PermanentException("cannot open the store " + abs + ": " + e.getMessage(), e);
    }
  }

  /** What a run that was still {@code running} when its process died is marked with. */
  static final String ABANDONED_ERROR =
      "the process running it stopped before it finished (killed or crashed); what it committed"
          + " is kept and the next run continues from its last checkpoint";

  /**
   * Marks runs still recorded as running or queued as failed, finished at their last heartbeat.
   * Called when a writer opens the store: DuckDB admits one writing process per file, so a run that
   * still says "running" then belongs to a process that is gone; left as it is, it would stay
   * "running" for ever.
   */
  private static void failAbandonedRuns(DuckDBConnection c, Path file) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE tributary.runs SET status = 'failed',"
                + " finished_at = coalesce(heartbeat_at, started_at), error = ?"
                + " WHERE status IN ('running', 'queued')")) {
      ps.setString(1, ABANDONED_ERROR);
      int n = ps.executeUpdate();
      if (n > 0) {
        LOG.warn(
            "{} run(s) in {} were left running by a process that died; marked failed", n, file);
      }
    }
  }

  /**
   * Opens an existing store file for reading only (for {@code query}, {@code export} and the run
   * history) while no process writes it. Its mutating methods throw {@link IllegalStateException}.
   *
   * @throws StoreLockedException if another process has the file open for writing
   * @throws ConfigException if there is no file or it is not a Tributary store of this version
   */
  public static DuckDbStore openReadOnly(Path file) {
    Objects.requireNonNull(file, "file");
    Path abs = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(abs)) {
      throw new ConfigException(
          "there is no store at "
              + abs
              + "; run a pipeline first, or point --data-dir at the directory holding it");
    }
    DuckDBConnection primary = connect(abs, true);
    try {
      int version = Migrations.appliedVersion(primary);
      if (version < 0) {
        throw new ConfigException(
            abs + " is a DuckDB file but not a Tributary store (it has no tributary schema)");
      }
      if (version < Migrations.LATEST) {
        throw new ConfigException(
            "the store "
                + abs
                + " was written by an older Tributary (schema version "
                + version
                + ", this one needs "
                + Migrations.LATEST
                + "); run any pipeline on it once to upgrade it");
      }
      return new DuckDbStore(abs, true, Clock.systemUTC(), primary);
    } catch (SQLException e) {
      closeQuietly(primary);
      throw new PermanentException("cannot read the store " + abs + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(primary);
      throw e;
    }
  }

  private static DuckDBConnection connect(Path abs, boolean readOnly) {
    try {
      return Sessions.connect(abs, readOnly);
    } catch (SQLException e) {
      throw openError(abs, e);
    }
  }

  /** Turns DuckDB's open errors into messages that say what to do. */
  static TributaryException openError(Path abs, SQLException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("Could not set lock") || msg.contains("Conflicting lock")) {
      Matcher m = HOLDER_PID.matcher(msg);
      OptionalLong pid =
          m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
      return new StoreLockedException(abs, pid, e);
    }
    return new PermanentException(
        "cannot open the store "
            + abs
            + ": "
            + msg
            + " (if this file is not a DuckDB database, move it away or choose another --data-dir)",
        e);
  }

  @Override
  public String location() {
    return file.toString();
  }

  /** Whether this store was opened with {@link #openReadOnly}. */
  public boolean readOnly() {
    return readOnly;
  }

  // ---------------------------------------------------------------- runs

  @Override
  public void runStarted(RunInfo run) {
    Objects.requireNonNull(run, "run");
    inWriteTransaction(
        "record run " + run.id(),
        () -> {
          RunRows.upsert(writer, run, clock.instant());
          return null;
        });
  }

  @Override
  public void runUpdated(RunInfo run) {
    Objects.requireNonNull(run, "run");
    inWriteTransaction(
        "update run " + run.id(),
        () -> {
          RunRows.upsert(writer, run, clock.instant());
          return null;
        });
  }

  @Override
  public Optional<RunInfo> run(String idOrPrefix) {
    if (idOrPrefix == null || idOrPrefix.isBlank()) {
      throw new IllegalArgumentException("give a run id or the start of one");
    }
    String wanted = idOrPrefix.strip();
    return read(
        "read run " + wanted,
        c -> {
          List<RunInfo> found = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + RunRows.COLUMNS
                      + " FROM tributary.runs WHERE id = ? OR starts_with(id, ?)"
                      + " ORDER BY (id = ?) DESC, started_at DESC LIMIT 6")) {
            ps.setString(1, wanted);
            ps.setString(2, wanted);
            ps.setString(3, wanted);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                found.add(RunRows.read(rs));
              }
            }
          }
          if (found.isEmpty()) {
            return Optional.empty();
          }
          if (found.get(0).id().equals(wanted) || found.size() == 1) {
            return Optional.of(found.get(0));
          }
          List<String> ids = found.stream().limit(5).map(RunInfo::id).toList();
          throw new IllegalArgumentException(
              "run id prefix '"
                  + wanted
                  + "' matches "
                  + (found.size() > 5 ? "more than 5 runs" : found.size() + " runs")
                  + " ("
                  + String.join(", ", ids)
                  + (found.size() > 5 ? ", …" : "")
                  + "); give more characters of the id");
        });
  }

  @Override
  public List<RunInfo> runs(String pipeline, int limit) {
    requirePositive(limit, "limit");
    return read(
        "list runs",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + RunRows.COLUMNS
                      + " FROM tributary.runs WHERE (? IS NULL OR pipeline = ?)"
                      + " ORDER BY started_at DESC, id DESC LIMIT ?")) {
            ps.setString(1, pipeline);
            ps.setString(2, pipeline);
            ps.setInt(3, limit);
            List<RunInfo> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(RunRows.read(rs));
              }
            }
            return out;
          }
        });
  }

  // ---------------------------------------------------------------- tables and writes

  @Override
  public void prepare(TableRef table, StreamSpec stream) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(stream, "stream");
    String key = StreamTable.key(table);
    try {
      StreamTable prepared =
          inWriteTransaction("prepare table " + table, () -> ensureTable(table, stream));
      tables.put(key, prepared.stored());
    } catch (RuntimeException e) {
      tables.remove(key);
      throw e;
    }
  }

  @Override
  public WriteResult write(WriteBatch batch) {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(batch.table(), "batch.table");
    Objects.requireNonNull(batch.stream(), "batch.stream");
    requireWritable();
    String key = StreamTable.key(batch.table());
    int n = batch.records() == null ? 0 : batch.records().size();
    writeLock.lock();
    try {
      requireOpen();
      try {
        StreamTable table = ensureTable(batch.table(), batch.stream());
        BatchWriter.Outcome outcome =
            new BatchWriter(
                    writer, table, batch, clock.instant(), () -> nextQuarantineId++, failpoint)
                .write();
        writer.commit();
        tables.put(key, outcome.table().stored());
        return outcome.result();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(writer);
        tables.remove(key);
        throw new PermanentException(
            "could not write a batch of "
                + n
                + " records to "
                + batch.table()
                + "; nothing of the batch was stored: "
                + e.getMessage(),
            e);
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** The table as it must be for the stream, created or grown inside the open transaction. */
  private StreamTable ensureTable(TableRef ref, StreamSpec stream) throws SQLException {
    StreamTable table = tables.get(StreamTable.key(ref));
    if (table == null) {
      table = Catalog.load(writer, ref);
    }
    Map<String, Object> declared = TypeRules.declaredProperties(stream);
    if (table == null) {
      Map<String, ColumnType> fields = new LinkedHashMap<>();
      declared.forEach((field, schema) -> fields.put(field, TypeRules.fromJsonSchema(schema)));
      return Catalog.create(writer, ref, fields);
    }
    for (Map.Entry<String, Object> d : declared.entrySet()) {
      if (table.column(d.getKey()) == null) {
        table =
            Catalog.addColumn(writer, table, d.getKey(), TypeRules.fromJsonSchema(d.getValue()));
      }
    }
    return table;
  }

  @Override
  public List<TableRef> tables() {
    return read(
        "list tables",
        c -> {
          List<TableRef> out = new ArrayList<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT schema_name, table_name FROM duckdb_columns()"
                          + " WHERE database_name = current_database()"
                          + " AND schema_name <> 'tributary' AND column_name = '_key'"
                          + " ORDER BY schema_name, table_name")) {
            while (rs.next()) {
              out.add(new TableRef(rs.getString(1), rs.getString(2)));
            }
          }
          return out;
        });
  }

  // ---------------------------------------------------------------- state

  @Override
  public Map<String, Object> state(String pipeline, String stream) {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(stream, "stream");
    return read(
        "read state of " + pipeline + "." + stream,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT state FROM tributary.state WHERE pipeline = ? AND stream = ?")) {
            ps.setString(1, pipeline);
            ps.setString(2, stream);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Json.readMap(rs.getString(1)) : Map.<String, Object>of();
            }
          }
        });
  }

  @Override
  public void clearState(String pipeline, String stream) {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(stream, "stream");
    inWriteTransaction(
        "clear state of " + pipeline + "." + stream,
        () -> {
          try (PreparedStatement ps =
              writer.prepareStatement(
                  "DELETE FROM tributary.state WHERE pipeline = ? AND stream = ?")) {
            ps.setString(1, pipeline);
            ps.setString(2, stream);
            ps.executeUpdate();
          }
          return null;
        });
  }

  // ---------------------------------------------------------------- quarantine

  @Override
  public List<QuarantineEntry> quarantine(String pipeline, String stream, int limit) {
    return quarantined(QuarantineFilter.of(pipeline, stream), limit).stream()
        .map(QuarantinedRecord::entry)
        .toList();
  }

  private static final String QUARANTINE_COLUMNS =
      "SELECT id, run_id, pipeline, stream, stage, rule, field, reason, origin, payload, \"at\""
          + " FROM tributary.quarantine";

  @Override
  public List<QuarantinedRecord> quarantined(QuarantineFilter filter, int limit) {
    requirePositive(limit, "limit");
    QuarantineFilter f = filter == null ? QuarantineFilter.ALL : filter;
    return read(
        "list quarantine",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  QUARANTINE_COLUMNS
                      + " WHERE (? IS NULL OR pipeline = ?) AND (? IS NULL OR stream = ?)"
                      + " AND (? IS NULL OR rule = ?) AND (?::TIMESTAMPTZ IS NULL OR \"at\" < ?)"
                      + " ORDER BY \"at\" DESC, id DESC LIMIT ?")) {
            ps.setString(1, f.pipeline());
            ps.setString(2, f.pipeline());
            ps.setString(3, f.stream());
            ps.setString(4, f.stream());
            ps.setString(5, f.rule());
            ps.setString(6, f.rule());
            OffsetDateTime before =
                f.before() == null ? null : OffsetDateTime.ofInstant(f.before(), ZoneOffset.UTC);
            ps.setObject(7, before);
            ps.setObject(8, before);
            ps.setInt(9, limit);
            return quarantineRows(ps);
          }
        });
  }

  @Override
  public Optional<QuarantinedRecord> quarantined(long id) {
    return read(
        "read quarantine entry " + id,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(QUARANTINE_COLUMNS + " WHERE id = ?")) {
            ps.setLong(1, id);
            return quarantineRows(ps).stream().findFirst();
          }
        });
  }

  @Override
  public int deleteQuarantine(List<Long> ids) {
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      return 0;
    }
    return inWriteTransaction(
        "delete " + ids.size() + " quarantine entries", () -> deleteQuarantineRows(writer, ids));
  }

  /** Deletes quarantine rows by id inside the caller's transaction; returns how many existed. */
  static int deleteQuarantineRows(DuckDBConnection c, List<Long> ids) throws SQLException {
    if (ids == null || ids.isEmpty()) {
      return 0;
    }
    int n = 0;
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM tributary.quarantine WHERE id = ?")) {
      for (Long id : ids) {
        ps.setLong(1, id);
        n += ps.executeUpdate();
      }
    }
    return n;
  }

  private static List<QuarantinedRecord> quarantineRows(PreparedStatement ps) throws SQLException {
    List<QuarantinedRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new QuarantinedRecord(
                rs.getLong(1),
                new QuarantineEntry(
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10),
                    RunRows.instant(rs, 11))));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- quota

  @Override
  public boolean tryConsume(String bucket, Instant windowStart, long cost, long limit) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(windowStart, "windowStart");
    if (cost < 0) {
      throw new IllegalArgumentException("cost must be >= 0 but was " + cost);
    }
    requireWritable();
    quotaLock.lock();
    try {
      requireOpen();
      try {
        long used = usedOn(quota, bucket, windowStart);
        if (used + cost > limit) {
          quota.rollback();
          return false;
        }
        try (PreparedStatement ps =
            quota.prepareStatement(
                "INSERT INTO tributary.quota_usage VALUES (?, ?, ?)"
                    + " ON CONFLICT (bucket, window_start) DO UPDATE SET used = excluded.used")) {
          ps.setString(1, bucket);
          RunRows.setInstant(ps, 2, windowStart);
          ps.setLong(3, used + cost);
          ps.executeUpdate();
        }
        quota.commit();
        return true;
      } catch (SQLException e) {
        rollbackQuietly(quota);
        throw new PermanentException(
            "could not record quota use of " + bucket + ": " + e.getMessage(), e);
      }
    } finally {
      quotaLock.unlock();
    }
  }

  @Override
  public long used(String bucket, Instant windowStart) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(windowStart, "windowStart");
    return read("read quota use of " + bucket, c -> usedOn(c, bucket, windowStart));
  }

  private static long usedOn(DuckDBConnection c, String bucket, Instant windowStart)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT used FROM tributary.quota_usage WHERE bucket = ? AND window_start = ?")) {
      ps.setString(1, bucket);
      RunRows.setInstant(ps, 2, windowStart);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    }
  }

  // ---------------------------------------------------------------- circuit breakers

  @Override
  public Optional<CircuitRecord> circuit(String source) {
    Objects.requireNonNull(source, "source");
    return read(
        "read the circuit state of " + source,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT state, failures, opened_at, updated_at FROM tributary.circuit_breakers"
                      + " WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new CircuitRecord(
                          source,
                          rs.getString(1),
                          rs.getInt(2),
                          RunRows.instant(rs, 3),
                          RunRows.instant(rs, 4)))
                  : Optional.<CircuitRecord>empty();
            }
          }
        });
  }

  @Override
  public void saveCircuit(CircuitRecord r) {
    Objects.requireNonNull(r, "record");
    if (readOnly) {
      return; // a read-only store (e.g. `connectors read`) keeps breakers in memory only
    }
    // the quota connection: small, independent transactions from request threads, never inside a
    // batch commit of the writer
    quotaLock.lock();
    try {
      requireOpen();
      try (PreparedStatement ps =
          quota.prepareStatement(
              "INSERT INTO tributary.circuit_breakers VALUES (?, ?, ?, ?, ?) ON CONFLICT (source)"
                  + " DO UPDATE SET state = excluded.state, failures = excluded.failures,"
                  + " opened_at = excluded.opened_at, updated_at = excluded.updated_at")) {
        ps.setString(1, r.source());
        ps.setString(2, r.state());
        ps.setInt(3, r.failures());
        RunRows.setInstant(ps, 4, r.openedAt());
        RunRows.setInstant(ps, 5, r.updatedAt());
        ps.executeUpdate();
        quota.commit();
      } catch (SQLException e) {
        rollbackQuietly(quota);
        throw new PermanentException(
            "could not save the circuit state of " + r.source() + ": " + e.getMessage(), e);
      }
    } finally {
      quotaLock.unlock();
    }
  }

  // ---------------------------------------------------------------- query and export

  /**
   * {@inheritDoc}
   *
   * <p>Accepts exactly one SELECT, WITH, FROM, VALUES, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN or
   * reporting PRAGMA (such as {@code table_info}), runs it in a read-only transaction that is
   * always rolled back, and returns at most {@code maxRows} rows.
   *
   * @throws IllegalArgumentException if the statement is refused or DuckDB rejects it (the message
   *     says why)
   */
  @Override
  public QueryResult query(String sql, int maxRows) {
    requirePositive(maxRows, "maxRows");
    ReadOnlySql.Plan plan = ReadOnlySql.plan(sql);
    requireOpen();
    try (DuckDBConnection c = Sessions.duplicate(primary)) {
      if (plan.mustParseAsSelect() != null) {
        try (PreparedStatement ps = c.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
          ps.setString(1, plan.mustParseAsSelect());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            ReadOnlySql.confirmParsed(Json.read(rs.getString(1)));
          }
        }
      }
      try (Statement st = c.createStatement()) {
        st.execute("BEGIN TRANSACTION READ ONLY");
      }
      try (Statement st = c.createStatement()) {
        return run(st, plan.execute(), maxRows);
      } finally {
        // never keep anything; after a failed statement DuckDB may have ended it already
        try (Statement st = c.createStatement()) {
          st.execute("ROLLBACK");
        } catch (SQLException e) {
          LOG.debug("rollback after query: {}", e.getMessage());
        }
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("the query failed: " + e.getMessage(), e);
    }
  }

  private static QueryResult run(Statement st, String sql, int maxRows) throws SQLException {
    if (!st.execute(sql)) {
      return new QueryResult(List.of(), List.of(), false);
    }
    try (ResultSet rs = st.getResultSet()) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      List<String> columns = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        columns.add(md.getColumnLabel(i));
      }
      List<List<Object>> rows = new ArrayList<>();
      boolean truncated = false;
      while (rs.next()) {
        if (rows.size() == maxRows) {
          truncated = true;
          break;
        }
        List<Object> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          row.add(Values.plain(rs.getObject(i)));
        }
        rows.add(java.util.Collections.unmodifiableList(row));
      }
      return new QueryResult(List.copyOf(columns), List.copyOf(rows), truncated);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Writes through a temporary file next to {@code out} and renames it, so a failed export
   * leaves no partial file. JSON is one array of objects; CSV has a header row.
   *
   * @throws IllegalArgumentException if the table does not exist
   */
  @Override
  public long export(TableRef table, ExportFormat format, Path out) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(out, "out");
    List<TableRef> known = tables();
    if (known.stream().noneMatch(t -> StreamTable.key(t).equals(StreamTable.key(table)))) {
      throw new IllegalArgumentException(
          "there is no table "
              + table
              + " in "
              + file
              + "; tables: "
              + (known.isEmpty()
                  ? "(none yet; run a pipeline first)"
                  : String.join(", ", known.stream().map(TableRef::toString).toList())));
    }
    Path target = out.toAbsolutePath().normalize();
    Path dir = target.getParent();
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    String options =
        switch (format) {
          case CSV -> "FORMAT csv, HEADER true";
          case JSON -> "FORMAT json, ARRAY true";
          case PARQUET -> "FORMAT parquet";
        };
    try {
      Files.createDirectories(dir);
      long rows;
      try (DuckDBConnection c = Sessions.duplicate(primary);
          Statement st = c.createStatement()) {
        rows =
            st.executeLargeUpdate(
                "COPY (SELECT * FROM "
                    + table.sql()
                    + ") TO '"
                    + tmp.toString().replace("'", "''")
                    + "' ("
                    + options
                    + ")");
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return rows;
    } catch (IOException | SQLException e) {
      throw new PermanentException(
          "could not export " + table + " to " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        LOG.warn("could not remove the temporary export file {}: {}", tmp, e.getMessage());
      }
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /** Closes the connections and releases the file. Safe to call more than once. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    writeLock.lock();
    quotaLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (writer != null) {
        rollbackQuietly(writer);
        closeQuietly(writer);
      }
      if (quota != null) {
        rollbackQuietly(quota);
        closeQuietly(quota);
      }
      closeQuietly(primary);
    } finally {
      quotaLock.unlock();
      writeLock.unlock();
    }
  }

  /** Test hook: makes writes fail at a named point ("after-merge", "before-commit"). */
  void failpoint(BatchWriter.Failpoint hook) {
    this.failpoint = hook == null ? BatchWriter.Failpoint.NONE : hook;
  }

  // ---------------------------------------------------------------- helpers

  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  @FunctionalInterface
  private interface SqlRead<T> {
    T read(DuckDBConnection c) throws SQLException;
  }

  private <T> T inWriteTransaction(String what, SqlWork<T> work) {
    requireWritable();
    writeLock.lock();
    try {
      requireOpen();
      try {
        T result = work.run();
        writer.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(writer);
        if (e instanceof TributaryException t) {
          throw t;
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
          throw (RuntimeException) e;
        }
        throw new PermanentException("could not " + what + ": " + e.getMessage(), e);
      }
    } finally {
      writeLock.unlock();
    }
  }

  private <T> T read(String what, SqlRead<T> work) {
    requireOpen();
    try (DuckDBConnection c = Sessions.duplicate(primary)) {
      return work.read(c);
    } catch (SQLException e) {
      throw new PermanentException("could not " + what + ": " + e.getMessage(), e);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the store " + file + " is closed");
    }
  }

  private void requireWritable() {
    if (readOnly) {
      throw new IllegalStateException(
          "the store "
              + file
              + " was opened read-only (for query and export); open it with DuckDbStore.open"
              + " to write");
    }
  }

  private static void requirePositive(int n, String name) {
    if (n <= 0) {
      throw new IllegalArgumentException(name + " must be > 0 but was " + n);
    }
  }

  private static void rollbackQuietly(DuckDBConnection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.debug("rollback failed: {}", e.getMessage());
    }
  }

  private static void closeQuietly(DuckDBConnection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("close failed: {}", e.getMessage());
    }
  }
}
