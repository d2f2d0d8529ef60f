package io.tributary.store.duckdb;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * Connections on the store's database, each set up the same way.
 *
 * <p>The store file is attached under the fixed catalog name {@value #CATALOG} rather than opened
 * directly: DuckDB names a directly opened database after its file, so {@code tributary.duckdb}
 * would become catalog {@code tributary} and make the system schema {@code tributary} (and any
 * pipeline schema named like the file) an ambiguous reference. Every connection then makes the
 * attached catalog its default ({@code USE}) and shows times in UTC.
 *
 * <p>Names that stay ambiguous are the built-in catalogs {@code memory}, {@code system} and {@code
 * temp} and {@value #CATALOG} itself: a pipeline schema should not use them.
 */
final class Sessions {
  static final String CATALOG = "tributary_db";

  static final String CHECKPOINT_THRESHOLD = "256MB";

  private Sessions() {}

  /** A new database with the file attached, or the DuckDB error (a lock conflict, …). */
  static DuckDBConnection connect(Path file, boolean readOnly) throws SQLException {
    DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = c.createStatement()) {
      st.execute(
          "ATTACH '"
              + file.toString().replace("'", "''")
              + "' AS "
              + CATALOG
              + (readOnly ? " (READ_ONLY)" : ""));
      setUp(c);
      if (!readOnly) {
        // DuckDB checkpoints (folds the WAL into the file) when the WAL passes this size. The
        // default (16 MB) means a checkpoint every other 10,000-record batch, each rewriting the
        // table's partly filled row group again; a larger threshold costs a longer WAL replay
        // after a crash but cut the CPU per record by a third in DuckDbStoreWriteBenchmark.
        st.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      try {
        c.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Another connection on the same database, set up like the first. */
  static DuckDBConnection duplicate(DuckDBConnection primary) throws SQLException {
    DuckDBConnection c = primary.duplicate();
    try {
      setUp(c);
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  private static void setUp(DuckDBConnection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("USE " + CATALOG);
      st.execute("SET TimeZone = 'UTC'");
    }
  }
}
