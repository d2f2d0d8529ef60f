package io.tributary.engine.run;

import io.tributary.spi.Checkpoint;
import io.tributary.spi.Record;
import io.tributary.spi.store.QuarantineEntry;
import java.util.List;

/** A chunk after the processor chain: what to store, what to quarantine, and the chunk's tail. */
record Processed(
    List<Record> records,
    List<QuarantineEntry> quarantined,
    Checkpoint checkpointAfter,
    boolean last,
    Throwable failure) {}
