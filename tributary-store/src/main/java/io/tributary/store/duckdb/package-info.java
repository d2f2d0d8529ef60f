/**
 * The embedded DuckDB store, {@link io.tributary.store.duckdb.DuckDbStore}: one file, a typed table
 * per stream, upserts by key through DuckDB's appender, and the system tables for runs, state,
 * quarantine and quotas. Everything else in this package is an implementation detail.
 */
package io.tributary.store.duckdb;
