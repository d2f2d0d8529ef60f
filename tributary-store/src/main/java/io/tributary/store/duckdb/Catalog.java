package io.tributary.store.duckdb;

import io.tributary.spi.store.TableRef;
import io.tributary.store.duckdb.StreamTable.Column;
import io.tributary.store.duckdb.StreamTable.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and changes stream tables' definitions. Every method runs on the caller's connection and
 * inside its transaction, so a failed write also undoes the columns it added.
 */
final class Catalog {
  private Catalog() {}

  /** The table's current definition, or {@code null} when it does not exist. */
  static StreamTable load(Connection c, TableRef ref) throws SQLException {
    Map<String, String> fields = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name, field FROM tributary.stream_columns"
                + " WHERE lower(table_schema) = lower(?) AND lower(table_name) = lower(?)")) {
      ps.setString(1, ref.schema());
      ps.setString(2, ref.table());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fields.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
        }
      }
    }
    List<Column> columns = new ArrayList<>();
    int data = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name, data_type FROM duckdb_columns()"
                + " WHERE database_name = current_database()"
                + " AND lower(schema_name) = lower(?) AND lower(table_name) = lower(?)"
                + " ORDER BY column_index")) {
      ps.setString(1, ref.schema());
      ps.setString(2, ref.table());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          ColumnType type = ColumnType.fromCatalog(rs.getString(2), name, ref.toString());
          Role role = systemRole(name);
          if (role != null) {
            columns.add(new Column(name, null, type, role, -1));
          } else {
            String field = fields.getOrDefault(name.toLowerCase(Locale.ROOT), name);
            columns.add(new Column(name, field, type, Role.DATA, data++));
          }
        }
      }
    }
    if (columns.isEmpty()) {
      return null;
    }
    if (columns.stream().noneMatch(col -> col.role() == Role.KEY)) {
      throw new IllegalStateException(
          "table "
              + ref
              + " exists but is not a Tributary stream table (it has no _key column);"
              + " rename or drop it, or write the stream to another schema");
    }
    return new StreamTable(ref, columns);
  }

  /**
   * Creates the schema if needed and the table with the system columns and the given data columns
   * (field → type, in order).
   */
  static StreamTable create(Connection c, TableRef ref, Map<String, ColumnType> fields)
      throws SQLException {
    StreamTable table = new StreamTable(ref, StreamTable.SYSTEM_COLUMNS);
    for (Map.Entry<String, ColumnType> f : fields.entrySet()) {
      table = table.withColumn(table.freeNameFor(f.getKey()), f.getKey(), f.getValue());
    }
    StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(ref.sql()).append(" (");
    boolean first = true;
    for (Column col : table.columns()) {
      ddl.append(first ? "" : ", ").append(col.quoted()).append(' ').append(col.type().sql());
      if (col.role() == Role.KEY) {
        ddl.append(" NOT NULL");
      }
      first = false;
    }
    ddl.append(')');
    try (Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS " + StreamTable.quote(ref.schema()));
      st.execute(ddl.toString());
    }
    // a table dropped by hand leaves its field names behind
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM tributary.stream_columns"
                + " WHERE lower(table_schema) = lower(?) AND lower(table_name) = lower(?)")) {
      ps.setString(1, ref.schema());
      ps.setString(2, ref.table());
      ps.executeUpdate();
    }
    for (Column col : table.dataColumns()) {
      recordField(c, ref, col);
    }
    return table.asNew();
  }

  /** Adds a data column for {@code field} at the end of the table; existing rows get null. */
  static StreamTable addColumn(Connection c, StreamTable table, String field, ColumnType type)
      throws SQLException {
    StreamTable grown = table.withColumn(table.freeNameFor(field), field, type);
    Column added = grown.column(field);
    try (Statement st = c.createStatement()) {
      st.execute(
          "ALTER TABLE " + table.ref().sql() + " ADD COLUMN " + added.quoted() + ' ' + type.sql());
    }
    recordField(c, table.ref(), added);
    return grown;
  }

  private static void recordField(Connection c, TableRef ref, Column col) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT OR REPLACE INTO tributary.stream_columns VALUES (?, ?, ?, ?)")) {
      ps.setString(1, ref.schema());
      ps.setString(2, ref.table());
      ps.setString(3, col.field());
      ps.setString(4, col.name());
      ps.executeUpdate();
    }
  }

  private static Role systemRole(String name) {
    for (Column sys : StreamTable.SYSTEM_COLUMNS) {
      if (sys.name().equalsIgnoreCase(name)) {
        return sys.role();
      }
    }
    return null;
  }
}
