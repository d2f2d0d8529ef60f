package io.tributary.spi;

import io.tributary.spi.config.Config;
import java.util.List;
import java.util.Map;

/**
 * Reads records from one external system.
 *
 * <p>Lifecycle: a {@link ConnectorProvider} creates one connector per run (or per CLI command) with
 * a {@link ConnectorContext}; the engine calls {@link #check} and {@link #discover} at most a few
 * times, then {@link #read} once per selected stream, and finally {@link #close()}.
 *
 * <p>Threading: the engine calls {@code read} for different streams concurrently, each on its own
 * virtual thread, so a connector must be safe for concurrent reads of distinct streams. {@code
 * read} may block on I/O. It must not persist state itself: it reports progress with {@link
 * Emitter#checkpoint} and the engine stores that state in the same transaction as the records.
 */
public interface Connector extends AutoCloseable {

  /**
   * Tries to connect and authenticate with {@code config}.
   *
   * @return success, or a failure with a message saying what to fix; never throws for a failed
   *     check
   */
  CheckResult check(Config config);

  /** The streams this configuration can read, with their schemas, keys and cursor fields. */
  List<StreamSpec> discover(Config config);

  /**
   * Reads one stream from the position in {@code state} (empty on the first run or a full refresh)
   * and emits records, rejected inputs and checkpoints until the source is exhausted.
   *
   * @throws RetriableException on a transient failure the engine may retry
   * @throws PermanentException when the stream cannot be read; other streams go on
   * @throws CancelledException when the run is cancelled
   */
  void read(StreamSpec stream, Config config, Map<String, Object> state, Emitter emitter);

  @Override
  default void close() {}
}
