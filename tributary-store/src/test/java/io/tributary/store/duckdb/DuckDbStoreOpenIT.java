package io.tributary.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spi.ConfigException;
import io.tributary.spi.PermanentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStoreOpenIT {
  @TempDir Path dir;

  private static void sql(Path file, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  @Test
  void aStoreFromANewerVersionIsRefused() throws Exception {
    Path file = dir.resolve("store.duckdb");
    DuckDbStore.open(file, Clock.systemUTC()).close();
    sql(
        file,
        "INSERT INTO tributary.schema_history VALUES (2, '99', 'future', 'SQL',"
            + " 'V99__future.sql', 0, 'test', now(), 0, true)");

    assertThatThrownBy(() -> DuckDbStore.open(file, Clock.systemUTC()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("was written by a newer Tributary (schema version 99");
  }

  @Test
  void openingAgainMigratesNothingAndKeepsData() {
    Path file = dir.resolve("tributary.duckdb");
    try (DuckDbStore store = DuckDbStore.open(file, Clock.systemUTC())) {
      store.runStarted(
          new io.tributary.spi.store.RunInfo(
              "r1",
              "p",
              "cli",
              io.tributary.spi.store.RunStatus.RUNNING,
              TestData.T0,
              null,
              null,
              null,
              null,
              null));
    }
    try (DuckDbStore store = DuckDbStore.open(file, Clock.systemUTC())) {
      assertThat(store.runs(null, 5)).hasSize(1);
      assertThat(
              store.query("SELECT count(*) FROM tributary.schema_history WHERE success", 1).rows())
          // the schema creation and one row per migration, each applied once
          .containsExactly(java.util.List.of(1L + Migrations.LATEST));
    }
  }

  @Test
  void readOnlyRefusesADuckDbFileThatIsNoStore() throws Exception {
    Path file = dir.resolve("other.duckdb");
    sql(file, "CREATE TABLE t (a INTEGER)");

    assertThatThrownBy(() -> DuckDbStore.openReadOnly(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is a DuckDB file but not a Tributary store");
  }

  @Test
  void aFileThatIsNotADatabaseGivesAClearError() throws Exception {
    Path file = dir.resolve("notes.duckdb");
    Files.writeString(file, "these are my notes, not a database");

    assertThatThrownBy(() -> DuckDbStore.open(file, Clock.systemUTC()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("cannot open the store " + file)
        .hasMessageContaining("move it away or choose another --data-dir");
    assertThat(Files.readString(file)).isEqualTo("these are my notes, not a database");
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsAConfigError() throws Exception {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "x");

    assertThatThrownBy(
            () -> DuckDbStore.open(blocker.resolve("tributary.duckdb"), Clock.systemUTC()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot create the data directory " + blocker)
        .hasMessageContaining("--data-dir");
  }
}
