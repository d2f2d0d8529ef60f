package io.tributary.store.duckdb;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A second process for the lock and crash tests: opens the store given as the first argument,
 * optionally commits N batches of 100 records (second argument), prints {@code ready <pid> <file>},
 * and keeps the file open until its standard input closes (or it is killed).
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    try (DuckDbStore store = DuckDbStore.open(Path.of(args[0]), Clock.systemUTC())) {
      for (int b = 0; b < batches; b++) {
        List<io.tributary.spi.Record> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          records.add(TestData.record(TestData.map("id", b + "-" + i, "n", (long) i)));
        }
        store.write(
            TestData.batch(
                "run-child",
                TestData.undeclared(),
                records,
                List.of(),
                new io.tributary.spi.Checkpoint("posts", TestData.map("batch", (long) b))));
      }
      System.out.println("ready " + ProcessHandle.current().pid() + " " + store.location());
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        // wait for the parent to close our stdin
      }
    }
  }
}
