package io.tributary.store.duckdb;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A second process for the lock test: opens the store given as the first argument, prints {@code
 * ready <pid> <file>}, and keeps the file open until its standard input closes.
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    try (DuckDbStore store = DuckDbStore.open(Path.of(args[0]), Clock.systemUTC())) {
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
