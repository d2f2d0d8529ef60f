package io.tributary.engine.config;

/**
 * The {@code store} section.
 *
 * @param type {@code duckdb} (default)
 * @param schema the SQL schema the stream tables go in; defaults to the pipeline's name made into
 *     an identifier
 * @param batchSize records per write transaction (default 10,000)
 * @param flushMillis the longest a record waits before its batch is written (default 1,000 ms)
 * @param maxQuarantine the most records one run may quarantine, over all its streams, before it is
 *     stopped as failed; 0 (the default) for no cap
 */
public record StoreConfig(
    String type, String schema, int batchSize, long flushMillis, long maxQuarantine) {

  /** A store section without a quarantine cap. */
  public StoreConfig(String type, String schema, int batchSize, long flushMillis) {
    this(type, schema, batchSize, flushMillis, 0);
  }
}
