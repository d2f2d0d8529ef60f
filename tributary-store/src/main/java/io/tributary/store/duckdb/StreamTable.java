package io.tributary.store.duckdb;

import io.tributary.spi.store.TableRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What Tributary knows of one stream table: its columns in table order, and which record field each
 * data column holds. Immutable; schema evolution makes a new one.
 */
final class StreamTable {

  /** The system columns every stream table starts with, in this order. */
  static final List<Column> SYSTEM_COLUMNS =
      List.of(
          new Column("_key", null, ColumnType.VARCHAR, Role.KEY, -1),
          new Column("_hash", null, ColumnType.VARCHAR, Role.HASH, -1),
          new Column("_source", null, ColumnType.VARCHAR, Role.SOURCE, -1),
          new Column("_run_id", null, ColumnType.VARCHAR, Role.RUN_ID, -1),
          new Column("_fetched_at", null, ColumnType.TIMESTAMPTZ, Role.FETCHED_AT, -1),
          new Column("_origin", null, ColumnType.VARCHAR, Role.ORIGIN, -1));

  enum Role {
    KEY,
    HASH,
    SOURCE,
    RUN_ID,
    FETCHED_AT,
    ORIGIN,
    DATA
  }

  /**
   * One column.
   *
   * @param name the column's name in SQL
   * @param field the record field it holds; {@code null} for system columns
   * @param type its type
   * @param role system column or data
   * @param dataIndex position among the data columns; -1 for system columns
   */
  record Column(String name, String field, ColumnType type, Role role, int dataIndex) {
    String quoted() {
      return quote(name);
    }
  }

  private final TableRef ref;
  private final List<Column> columns;
  private final List<Column> dataColumns;
  private final Map<String, Column> byField;
  private final Set<String> lowerNames;
  private final boolean isNew;

  StreamTable(TableRef ref, List<Column> columns) {
    this(ref, columns, false);
  }

  private StreamTable(TableRef ref, List<Column> columns, boolean isNew) {
    this.ref = ref;
    this.isNew = isNew;
    this.columns = List.copyOf(columns);
    this.dataColumns = this.columns.stream().filter(c -> c.role() == Role.DATA).toList();
    this.byField = new HashMap<>();
    this.lowerNames = new HashSet<>();
    for (Column c : this.columns) {
      if (c.field() != null) {
        byField.put(c.field(), c);
      }
      lowerNames.add(c.name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Whether the table was created by the transaction that holds this definition, and so has no rows
   * yet.
   */
  boolean isNew() {
    return isNew;
  }

  /** This definition, marked as created in the current transaction. */
  StreamTable asNew() {
    return new StreamTable(ref, columns, true);
  }

  /** This definition as it is once its transaction committed. */
  StreamTable stored() {
    return isNew ? new StreamTable(ref, columns, false) : this;
  }

  TableRef ref() {
    return ref;
  }

  List<Column> columns() {
    return columns;
  }

  List<Column> dataColumns() {
    return dataColumns;
  }

  /** The data column holding {@code field}, or {@code null}. */
  Column column(String field) {
    return byField.get(field);
  }

  /**
   * The column name a new field gets: the field's own name unless a column already has it in any
   * letter case (DuckDB identifiers are case-insensitive) or it is a system column's name; then the
   * first free of {@code field_2}, {@code field_3}, …
   */
  String freeNameFor(String field) {
    String base = field.isEmpty() ? "_field" : field;
    if (!lowerNames.contains(base.toLowerCase(Locale.ROOT))) {
      return base;
    }
    for (int i = 2; ; i++) {
      String candidate = base + "_" + i;
      if (!lowerNames.contains(candidate.toLowerCase(Locale.ROOT))) {
        return candidate;
      }
    }
  }

  /** This table with one more data column at the end. */
  StreamTable withColumn(String name, String field, ColumnType type) {
    List<Column> more = new ArrayList<>(columns);
    more.add(new Column(name, field, type, Role.DATA, dataColumns.size()));
    return new StreamTable(ref, more, isNew);
  }

  /** A column list for SQL: {@code "a", "b", …}. */
  String columnList(String prefix) {
    StringBuilder sb = new StringBuilder();
    for (Column c : columns) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append(prefix).append(c.quoted());
    }
    return sb.toString();
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  static String key(TableRef ref) {
    return (ref.schema() + "." + ref.table()).toLowerCase(Locale.ROOT);
  }
}
