/**
 * The {@code sql} connector: streams derived from data the store already holds, so that one
 * pipeline can clean, join or score what other pipelines collected (the downstream steps of a DAG
 * of pipelines declared with {@code after:}). See {@link
 * io.tributary.connectors.sql.SqlConnectorProvider}.
 */
package io.tributary.connectors.sql;
