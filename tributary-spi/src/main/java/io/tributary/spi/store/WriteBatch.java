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
 */
public record WriteBatch(
    String runId,
    String pipeline,
    String source,
    TableRef table,
    StreamSpec stream,
    List<Record> records,
    List<QuarantineEntry> quarantined,
    Checkpoint checkpoint) {}
