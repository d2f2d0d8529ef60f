package io.tributary.spi.store;

import io.tributary.spi.Checkpoint;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import java.util.List;

/**
 * What the engine's writer commits in one transaction.
 *
 * @param runId the run that produced the batch
 * @param pipeline the pipeline's name
 * @param source the connector's name, stored with each row
 * @param table where the records go
 * @param stream the stream's declaration
 * @param records stamped records (key, hash and fetch time set); at most one per key
 * @param quarantined inputs and records rejected since the previous batch
 * @param checkpoint the state after these records, or {@code null} when there is none yet
 * @param resolved ids of quarantine entries to delete in the same transaction (a replay stores the
 *     records that now pass and forgets their entries atomically); empty for ordinary runs
 */
public record WriteBatch(
    String runId,
    String pipeline,
    String source,
    TableRef table,
    StreamSpec stream,
    List<Record> records,
    List<QuarantineEntry> quarantined,
    Checkpoint checkpoint,
    List<Long> resolved) {

  public WriteBatch {
    resolved = resolved == null ? List.of() : List.copyOf(resolved);
  }

  /** A batch of an ordinary run, which resolves no quarantine entries. */
  public WriteBatch(
      String runId,
      String pipeline,
      String source,
      TableRef table,
      StreamSpec stream,
      List<Record> records,
      List<QuarantineEntry> quarantined,
      Checkpoint checkpoint) {
    this(runId, pipeline, source, table, stream, records, quarantined, checkpoint, List.of());
  }
}
