package io.tributary.connectors.sql;

import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.config.ConfigSpec;

/**
 * The {@code sql} connector: derives streams from tables the store already holds.
 *
 * <pre>{@code
 * name: memecoin_clean
 * after: [memecoin_twitter]
 * source:
 *   connector: sql
 *   config:
 *     stream: tweets
 *     query: SELECT id, text, created_at FROM memecoin_twitter.recent_search
 *     primary_key: [id]
 *     cursor_field: created_at
 * }</pre>
 *
 * <p>Each query runs read-only (the store refuses statements that change data) in pages of {@code
 * page_size} rows, ordered by the cursor and the primary key so paging is stable; a checkpoint
 * follows each page. With a cursor the state keeps its highest value and the next run reads rows
 * whose cursor is at least that (inclusive, so rows sharing the last value are read again and
 * counted unchanged, never skipped). Without a cursor every run reads the whole result and the
 * store's upsert writes only what changed. Rows deleted upstream are not deleted downstream.
 *
 * <p>Stateless and thread-safe, as the SPI requires.
 */
public final class SqlConnectorProvider implements ConnectorProvider {

  /** Needed by {@link java.util.ServiceLoader}. */
  public SqlConnectorProvider() {}

  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String description() {
    return "Streams derived with read-only SQL from tables other pipelines stored";
  }

  @Override
  public ConfigSpec spec() {
    return SqlSettings.SPEC;
  }

  @Override
  public Connector create(ConnectorContext context) {
    return new SqlConnector(context);
  }
}
