package io.tributary.spi;

/**
 * Looks at one record and passes it on (possibly changed), drops it, or rejects it to the
 * quarantine with a reason.
 *
 * <p>Lifecycle: a {@link ProcessorProvider} creates one processor per stream per run; the engine
 * calls {@link #process} once per record and {@link #close()} at the end of the run.
 *
 * <p>Threading: {@code process} is called concurrently from a pool sized to the CPU cores, in no
 * guaranteed order. Implementations must be thread-safe, must not block on I/O, and should be
 * cheap: they run on every record.
 */
public interface Processor extends AutoCloseable {

  ProcessResult process(Record record);

  @Override
  default void close() {}
}
