package io.tributary.store.duckdb;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the system schema ({@code tributary}) up to date with Flyway and the community DuckDB
 * support. Migrations are {@code src/main/resources/db/duckdb/V<n>__<name>.sql}; the history table
 * is {@code tributary.schema_history}.
 */
final class Migrations {
  /** The newest migration's version; a read-only store must be at least this new. */
  static final int LATEST = 3;

  static final String LOCATION = "classpath:db/duckdb";

  private Migrations() {}

  /** Applies pending migrations through connections duplicated from {@code primary}. */
  static MigrateResult migrate(DuckDBConnection primary) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(new DuplicatingDataSource(primary))
        .loggers("slf4j")
        .schemas("tributary")
        .defaultSchema("tributary")
        .createSchemas(true)
        .table("schema_history")
        .locations(LOCATION)
        .failOnMissingLocations(true)
        .validateMigrationNaming(true)
        .load()
        .migrate();
  }

  /**
   * The applied schema version of an existing file, or -1 when it has no Tributary schema.
   *
   * @throws SQLException if the history cannot be read
   */
  static int appliedVersion(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'tributary'"
                    + " AND table_name = 'schema_history' AND database_name = current_database()")) {
      rs.next();
      if (rs.getLong(1) == 0) {
        return -1;
      }
    }
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT max(TRY_CAST(version AS INTEGER)) FROM tributary.schema_history"
                    + " WHERE success")) {
      rs.next();
      int v = rs.getInt(1);
      return rs.wasNull() ? -1 : v;
    }
  }

  /** Hands Flyway connections on the store's database (DuckDB allows one process per file). */
  private record DuplicatingDataSource(DuckDBConnection primary) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return Sessions.duplicate(primary);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return Sessions.duplicate(primary);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
