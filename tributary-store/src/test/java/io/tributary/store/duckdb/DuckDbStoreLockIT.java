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
    Process holder = holder(file, 0);
    try {
      String ready = readyLine(holder);
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
                  + "). Only one process may write to it. Stop that process, or, if it is"
                  + " `tributary serve`, run the pipeline in it: `tributary run FILE --server"
                  + " URL` (or POST /api/pipelines/{name}/runs).");
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

  @Test
  void aKilledWriterLeavesEveryCommittedBatchReadable() throws Exception {
    Path file = dir.resolve("tributary.duckdb");
    Process writer = holder(file, 3);
    try {
      assertThat(readyLine(writer)).startsWith("ready ");
    } finally {
      writer.destroyForcibly(); // SIGKILL: no close, no checkpoint
      writer.waitFor(30, TimeUnit.SECONDS);
    }

    try (DuckDbStore ro = DuckDbStore.openReadOnly(file)) {
      assertThat(ro.query("SELECT count(*), count(DISTINCT _key) FROM reddit.posts", 1).rows())
          .containsExactly(List.of(300L, 300L));
      assertThat(ro.state("reddit", "posts")).isEqualTo(TestData.map("batch", 2L));
    }
    try (DuckDbStore store = DuckDbStore.open(file, Clock.systemUTC())) {
      assertThat(store.query("SELECT count(*) FROM reddit.posts", 1).rows())
          .containsExactly(List.of(300L));
    }
  }

  /** Starts {@link LockHolderMain} in a child JVM on the test class path. */
  private static Process holder(Path file, int batches) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                LockHolderMain.class.getName(),
                file.toString(),
                Integer.toString(batches)))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static String readyLine(Process p) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    return out.readLine();
  }
}
