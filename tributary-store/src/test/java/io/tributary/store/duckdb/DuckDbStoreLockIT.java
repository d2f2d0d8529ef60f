package io.tributary.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tributary.store.StoreLockedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStoreLockIT {
  @TempDir Path dir;

  @Test
  void aSecondProcessGetsAMessageNamingTheFileAndTheHolder() throws Exception {
    Path file = dir.resolve("tributary.duckdb");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process holder =
        new ProcessBuilder(
                List.of(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LockHolderMain.class.getName(),
                    file.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String ready = out.readLine();
      long pid = holder.pid();
      assertThat(ready)
          .as("the holder process starts and opens the store")
          .isEqualTo("ready " + pid + " " + file);

      StoreLockedException e =
          catchThrowableOfType(
              StoreLockedException.class, () -> DuckDbStore.open(file, Clock.systemUTC()));

      assertThat(e.getMessage())
          .isEqualTo(
              "The store "
                  + file
                  + " is in use by another process (PID "
                  + pid
                  + "). Stop that process, or send work to it with --server URL.");
      assertThat(e.file()).isEqualTo(file);
      assertThat(e.holderPid()).hasValue(pid);
      assertThatThrownBy(() -> DuckDbStore.openReadOnly(file))
          .isInstanceOf(StoreLockedException.class)
          .hasMessageContaining("PID " + pid);

      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(holder.exitValue()).isZero();
      try (DuckDbStore store = DuckDbStore.open(file, Clock.systemUTC())) {
        assertThat(store.tables()).isEmpty();
      }
    } finally {
      holder.destroyForcibly();
    }
  }
}
