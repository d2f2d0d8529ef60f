package io.tributary.engine.run;

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
import java.util.function.Consumer;

/**
 * A store in memory for engine tests: same contract as the real ones (upsert by key, batch and
 * checkpoint applied together), plus a log of every write for assertions.
 */
final class InMemoryStore implements Store {
  final Map<String, Map<String, Record>> tables = new LinkedHashMap<>();
  final Map<String, Map<String, Object>> states = new LinkedHashMap<>();
  final List<QuarantineEntry> quarantine = new ArrayList<>();
  final Map<String, RunInfo> runs = new LinkedHashMap<>();
  final List<WriteBatch> writes = new ArrayList<>();
  volatile Consumer<WriteBatch> beforeWrite = b -> {};

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
        .sorted(Comparator.comparing(RunInfo::startedAt).reversed())
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
  public WriteResult write(WriteBatch batch) {
    beforeWrite.accept(batch);
    synchronized (this) {
      writes.add(batch);
      Map<String, Record> t = tables.get(batch.table().toString());
      long ins = 0;
      long upd = 0;
      long same = 0;
      for (Record r : batch.records()) {
        Record old = t.put(r.key(), r);
        if (old == null) {
          ins++;
        } else if (old.hash().equals(r.hash())) {
          same++;
        } else {
          upd++;
        }
      }
      removeQuarantine(batch.resolved());
      quarantine.addAll(batch.quarantined());
      if (batch.checkpoint() != null) {
        states.put(batch.pipeline() + "/" + batch.stream().name(), batch.checkpoint().state());
      }
      return new WriteResult(ins, upd, same, 0);
    }
  }

  @Override
  public synchronized List<QuarantineEntry> quarantine(String pipeline, String stream, int limit) {
    return List.copyOf(quarantine);
  }

  // ids are positions in the list plus one: good enough for tests that list, then delete once
  @Override
  public synchronized List<QuarantinedRecord> quarantined(QuarantineFilter filter, int limit) {
    List<QuarantinedRecord> out = new ArrayList<>();
    for (int i = quarantine.size() - 1; i >= 0 && out.size() < limit; i--) {
      if (filter == null || filter.matches(quarantine.get(i))) {
        out.add(new QuarantinedRecord(i + 1, quarantine.get(i)));
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<QuarantinedRecord> quarantined(long id) {
    return id >= 1 && id <= quarantine.size()
        ? Optional.of(new QuarantinedRecord(id, quarantine.get((int) id - 1)))
        : Optional.empty();
  }

  @Override
  public synchronized int deleteQuarantine(List<Long> ids) {
    return removeQuarantine(ids);
  }

  private int removeQuarantine(List<Long> ids) {
    List<Long> sorted = ids.stream().distinct().sorted(Comparator.reverseOrder()).toList();
    int n = 0;
    for (long id : sorted) {
      if (id >= 1 && id <= quarantine.size()) {
        quarantine.remove((int) id - 1);
        n++;
      }
    }
    return n;
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
    return tables.keySet().stream()
        .map(k -> new TableRef(k.split("\\.")[0], k.split("\\.")[1]))
        .toList();
  }

  @Override
  public boolean tryConsume(String bucket, Instant windowStart, long cost, long limit) {
    return true;
  }

  @Override
  public long used(String bucket, Instant windowStart) {
    return 0;
  }

  @Override
  public void close() {}
}
