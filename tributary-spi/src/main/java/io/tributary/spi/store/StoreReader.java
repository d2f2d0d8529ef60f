package io.tributary.spi.store;

/**
 * Read-only SQL over the data a store already holds: what a connector that derives one stream from
 * others (the {@code sql} connector) is given, instead of the whole {@link Store}.
 *
 * <p>Threading: safe to call from several threads; each call sees the data committed when it
 * starts.
 */
@FunctionalInterface
public interface StoreReader {

  /** Refuses every query: for contexts without a store (validation, connector commands). */
  StoreReader NONE =
      (sql, maxRows) -> {
        throw new IllegalStateException("no store is open here, so SQL sources cannot be read");
      };

  /**
   * Runs a read-only SQL statement and returns at most {@code maxRows} rows.
   *
   * @throws IllegalArgumentException when the statement would change data or fails
   */
  QueryResult query(String sql, int maxRows);
}
