package io.tributary.spi;

/**
 * Where a connector sends what it reads. One emitter serves one stream of one run.
 *
 * <p>Threading: a connector may call the emitter from the thread that called {@link Connector#read}
 * or from threads it starts itself, but must not call it after {@code read} returned. {@link #emit}
 * blocks while the engine's queue is full (back-pressure) and throws {@link CancelledException}
 * when the run is cancelled; connectors should let that exception propagate.
 */
public interface Emitter {

  /** Hands one record to the engine; blocks while downstream is full. */
  void emit(Record record);

  /**
   * Marks that every record emitted so far is covered by {@code checkpoint}. The engine commits the
   * state only together with, and after, those records.
   */
  void checkpoint(Checkpoint checkpoint);

  /** Sends input that could not be parsed into a record to the quarantine. */
  void reject(RejectedInput input);

  /** True once the run was cancelled; long loops should check it and return. */
  boolean isCancelled();
}
