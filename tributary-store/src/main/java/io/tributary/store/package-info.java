/**
 * Store implementations of {@link io.tributary.spi.store.Store}. The embedded default is {@link
 * io.tributary.store.duckdb.DuckDbStore}; errors shared by every implementation live here, such as
 * {@link io.tributary.store.StoreLockedException}.
 */
package io.tributary.store;
