/**
 * The storage contract. One {@link io.tributary.spi.store.Store} interface, implemented by the
 * embedded DuckDB store (the default) and later by PostgreSQL, so callers never change when the
 * store does. The central promise is {@link io.tributary.spi.store.Store#write}: a batch of
 * records, its quarantined inputs and the checkpoint that follows them commit in one transaction.
 */
package io.tributary.spi.store;
