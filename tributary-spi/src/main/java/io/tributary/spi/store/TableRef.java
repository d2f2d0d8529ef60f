package io.tributary.spi.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stream table: {@code schema.table}, both plain SQL identifiers.
 *
 * @param schema by default the pipeline's name
 * @param table by default the stream's name
 */
public record TableRef(String schema, String table) {
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  public TableRef {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    if (!IDENT.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema name must match [A-Za-z_][A-Za-z0-9_]* but was '" + schema + "'");
    }
    if (!IDENT.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "table name must match [A-Za-z_][A-Za-z0-9_]* but was '" + table + "'");
    }
  }

  /** Turns any name into a valid identifier: lower case, other characters become '_'. */
  public static String sanitize(String name) {
    String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
      s = "_" + s;
    }
    return s.length() > 63 ? s.substring(0, 63) : s;
  }

  /** {@code "schema"."table"}, quoted for SQL. */
  public String sql() {
    return '"' + schema + "\".\"" + table + '"';
  }

  @Override
  public String toString() {
    return schema + "." + table;
  }
}
