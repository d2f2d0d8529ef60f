package io.tributary.spi.store;

/** File formats a table can be exported to. */
public enum ExportFormat {
  CSV,
  JSON,
  PARQUET
}
