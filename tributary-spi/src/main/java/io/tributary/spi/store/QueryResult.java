package io.tributary.spi.store;

import java.util.List;

/**
 * Rows of a read-only query, with values as plain Java objects.
 *
 * @param columns column names in order
 * @param rows each row's values, in column order
 * @param truncated whether more rows existed than were returned
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {}
