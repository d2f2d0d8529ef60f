package io.tributary.engine.run;

import io.tributary.spi.store.Counts;

/**
 * Observes a run's progress (for progress bars, metrics and live API views). Called from engine
 * threads; implementations must be thread-safe and quick.
 */
public interface RunListener {

  /** A run started with these streams. */
  default void started(String runId, String pipeline, java.util.List<String> streams) {}

  /** A stream's counts changed (called after each committed batch). */
  default void progress(String runId, String stream, Counts counts) {}

  /** A stream ended; {@code error} is {@code null} on success. */
  default void streamFinished(String runId, String stream, Counts counts, String error) {}

  RunListener NONE = new RunListener() {};
}
