package io.tributary.engine.run;

import io.tributary.spi.Checkpoint;
import java.util.List;

/**
 * A slice of what a connector emitted, in order: records and rejected inputs, optionally followed
 * by a checkpoint, optionally the last slice (with the read's failure, if it failed).
 */
record Chunk(List<Object> items, Checkpoint checkpointAfter, boolean last, Throwable failure) {}
