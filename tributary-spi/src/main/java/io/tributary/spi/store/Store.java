package io.tributary.spi.store;

import io.tributary.spi.StreamSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps stream tables, run history, cursor state and the quarantine.
 *
 * <p>Lifecycle: opened by the composition root (which migrates it), shared by everything in the
 * process, closed last. Threading: every method is safe to call from several threads; the
 * implementation serialises writes as its database requires.
 */
public interface Store extends QuotaLedger, CircuitLedger, StoreReader, AutoCloseable {

  /** Keeps no circuit state: breakers of a store that does not override this live in memory. */
  @Override
  default Optional<CircuitRecord> circuit(String source) {
    return Optional.empty();
  }

  @Override
  default void saveCircuit(CircuitRecord record) {}

  /** Where the data is, for humans (a file path or a JDBC URL without credentials). */
  String location();

  /** Records a run before anything is read. */
  void runStarted(RunInfo run);

  /** Records a run's final (or intermediate) status, counts and errors. */
  void runUpdated(RunInfo run);

  /** A run by id or by an unambiguous id prefix. */
  Optional<RunInfo> run(String idOrPrefix);

  /** Newest first; {@code pipeline} may be {@code null} for all. */
  List<RunInfo> runs(String pipeline, int limit);

  /**
   * Creates the stream's table, or adds the columns its schema gained (never drops, narrows or
   * retypes a column).
   */
  void prepare(TableRef table, StreamSpec stream);

  /** The last committed connector state of a stream; empty if none. */
  Map<String, Object> state(String pipeline, String stream);

  /** Forgets a stream's state (full refresh). */
  void clearState(String pipeline, String stream);

  /**
   * Upserts the batch's records by key, stores its quarantined inputs and saves its checkpoint, all
   * in one transaction: either everything in the batch is committed or nothing is.
   */
  WriteResult write(WriteBatch batch);

  /** Quarantined entries, newest first; filters may be {@code null}. */
  List<QuarantineEntry> quarantine(String pipeline, String stream, int limit);

  /**
   * Quarantined entries matching the filter, with their ids, newest first; at most {@code limit}.
   */
  List<QuarantinedRecord> quarantined(QuarantineFilter filter, int limit);

  /** One quarantined entry by id; empty if there is none with that id. */
  Optional<QuarantinedRecord> quarantined(long id);

  /**
   * Deletes the quarantine entries with these ids in one transaction and returns how many existed.
   * Unknown ids are ignored.
   */
  int deleteQuarantine(List<Long> ids);

  /** Runs a read-only SQL statement. Statements that would change data are refused. */
  @Override
  QueryResult query(String sql, int maxRows);

  /** Writes a table to a file and returns the number of rows written. */
  long export(TableRef table, ExportFormat format, Path out);

  /** The stream tables that exist. */
  List<TableRef> tables();

  @Override
  void close();
}
