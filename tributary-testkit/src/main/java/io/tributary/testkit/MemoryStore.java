package io.tributary.testkit;

import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
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
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store in memory with the real contract's upsert-by-key, for tests of what sits on top of a
 * store (scheduler, server). Thread-safe; nothing is persisted.
 */
public final class MemoryStore implements Store {
  private final Map<String, Map<String, Record>> tables = new LinkedHashMap<>();
  private final Map<String, RunInfo> runs = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> states = new LinkedHashMap<>();

  @Override
  public String location() {
    return "memory";
  }

  @Override
  public synchronized void runStarted(RunInfo run) {
    runs.put(run.id(), run);
  }

  @Override
  public synchronized void runUpdated(RunInfo run) {
    runs.put(run.id(), run);
  }

  @Override
  public synchronized Optional<RunInfo> run(String idOrPrefix) {
    return runs.values().stream().filter(r -> r.id().startsWith(idOrPrefix)).findFirst();
  }

  @Override
  public synchronized List<RunInfo> runs(String pipeline, int limit) {
    return runs.values().stream()
        .filter(r -> pipeline == null || r.pipeline().equals(pipeline))
        .sorted(Comparator.comparing(RunInfo::id).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void prepare(TableRef table, StreamSpec stream) {
    tables.computeIfAbsent(table.toString(), k -> new LinkedHashMap<>());
  }

  @Override
  public synchronized Map<String, Object> state(String pipeline, String stream) {
    return states.getOrDefault(pipeline + "/" + stream, Map.of());
  }

  @Override
  public synchronized void clearState(String pipeline, String stream) {
    states.remove(pipeline + "/" + stream);
  }

  @Override
  public synchronized WriteResult write(WriteBatch batch) {
    Map<String, Record> t = tables.get(batch.table().toString());
    long inserted = 0;
    for (Record r : batch.records()) {
      if (t.put(r.key(), r) == null) {
        inserted++;
      }
    }
    if (batch.checkpoint() != null) {
      states.put(batch.pipeline() + "/" + batch.stream().name(), batch.checkpoint().state());
    }
    return new WriteResult(inserted, batch.records().size() - inserted, 0, 0);
  }

  @Override
  public List<QuarantineEntry> quarantine(String pipeline, String stream, int limit) {
    return new ArrayList<>();
  }

  /** This store keeps no quarantine, so there is never an entry to list. */
  @Override
  public List<QuarantinedRecord> quarantined(QuarantineFilter filter, int limit) {
    return new ArrayList<>();
  }

  @Override
  public Optional<QuarantinedRecord> quarantined(long id) {
    return Optional.empty();
  }

  @Override
  public int deleteQuarantine(List<Long> ids) {
    return 0;
  }

  @Override
  public QueryResult query(String sql, int maxRows) {
    throw new UnsupportedOperationException("no SQL in memory");
  }

  @Override
  public long export(TableRef table, ExportFormat format, Path out) {
    throw new UnsupportedOperationException("no export in memory");
  }

  @Override
  public synchronized List<TableRef> tables() {
    return List.of();
  }

  @Override
  public boolean tryConsume(String bucket, Instant windowStart, long cost, long limit) {
    return true;
  }

  @Override
  public long used(String bucket, Instant windowStart) {
    return 0;
  }

  private final java.util.Map<String, CircuitRecord> circuits =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public java.util.Optional<CircuitRecord> circuit(String source) {
    return java.util.Optional.ofNullable(circuits.get(source));
  }

  @Override
  public void saveCircuit(CircuitRecord record) {
    circuits.put(record.source(), record);
  }

  @Override
  public void close() {}
}
