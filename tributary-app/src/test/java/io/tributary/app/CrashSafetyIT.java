package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the real CLI with SIGKILL at many points — at named failpoints (after a batch commit,
 * before a batch commit, in the middle of a write) and at random moments — re-runs it each time,
 * and proves the stored result equals a clean run's: no lost record, no duplicate, state and
 * quarantine consistent.
 */
class CrashSafetyIT {
  static final int RECORDS = 40_000;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  static Path pipeline;
  static Snapshot clean;

  @BeforeAll
  static void cleanRun() throws Exception {
    Path data = work.resolve("data");
    Files.createDirectories(data);
    writeInput(data.resolve("part-1.jsonl"), 0, RECORDS / 2);
    writeInput(data.resolve("part-2.jsonl"), RECORDS / 2, RECORDS);
    pipeline = work.resolve("crash.yaml");
    Files.writeString(
        pipeline,
        """
        name: crash
        source:
          connector: file
          config:
            path: data/*.jsonl
            format: jsonl
            stream: events
            primary_key: [id]
            checkpoint_every: 700
        process:
          - type: validate
            rules:
              - {field: score, rule: range, min: 0}
          - type: dedup
        store:
          batch_size: 1500
          flush_ms: 50
        """);
    CliProcess.Result r = run("clean", Map.of());
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(0);
    clean = Snapshot.of(work.resolve("clean"));
    // the input has malformed lines, invalid scores and exact duplicates: all must be visible
    assertThat(clean.rows).hasSizeGreaterThan(RECORDS * 9 / 10);
    assertThat(clean.quarantine).isNotEmpty();
  }

  @Test
  void namedFailpointsLoseNothingAndDuplicateNothing() throws Exception {
    String[] points = {
      "after_batch_commit=1",
      "after_batch_commit=4",
      "after_batch_commit=11",
      "before_batch_commit=1",
      "before_batch_commit=6",
      "before_batch_commit=15",
      "during_write=2",
      "during_write=7",
      "during_write=13",
      "after_batch_commit=20"
    };
    // each point on a fresh data directory: die there, then run again to the end
    for (int i = 0; i < points.length; i++) {
      String dir = "named-" + i;
      CliProcess.Result killed = run(dir, Map.of("TRIBUTARY_FAILPOINTS", points[i]));
      assertThat(killed.exitCode())
          .as(points[i] + " must kill the run: " + killed.stderr())
          .isEqualTo(137);
      CliProcess.Result resumed = run(dir, Map.of());
      assertThat(resumed.exitCode()).as(points[i] + ": " + resumed.stderr()).isEqualTo(0);
      assertThat(Snapshot.of(work.resolve(dir)))
          .as("after a kill at " + points[i])
          .isEqualTo(clean);
    }
  }

  @Test
  void randomSigkillsLoseNothingAndDuplicateNothing() throws Exception {
    Random random = new Random(20261124L);
    String dir = "random";
    int killed = 0;
    int completed = 0;
    // Kill at random moments until 12 kills have hit a live process. A run the kill came too late
    // for has finished: its result must already equal the clean run's, and the directory starts
    // afresh so later kills land in start-up, reading and writing again rather than in no-op runs.
    for (int attempt = 0; attempt < 60 && killed < 12; attempt++) {
      Process p =
          CliProcess.builder(
                  work,
                  Map.of(),
                  "run",
                  pipeline.toString(),
                  "--data-dir",
                  work.resolve(dir).toString(),
                  "--json")
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      // JVM start-up takes ~0.5-1 s; kill somewhere in start-up, reading or writing
      long delay = 300 + random.nextInt(2500);
      if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
        completed++;
        assertThat(p.exitValue()).as("a run no kill reached exits cleanly").isZero();
        assertThat(Snapshot.of(work.resolve(dir)))
            .as("a run that finished after earlier kills")
            .isEqualTo(clean);
        deleteTree(work.resolve(dir));
      } else {
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        killed++;
      }
    }
    assertThat(killed).as("random kills that hit a live process").isEqualTo(12);
    System.out.printf(
        "random kills: %d hit a live process, %d runs finished first%n", killed, completed);
    CliProcess.Result last = run(dir, Map.of());
    assertThat(last.exitCode()).as(last.stderr()).isEqualTo(0);
    assertThat(Snapshot.of(work.resolve(dir))).isEqualTo(clean);
    // the runs the kills interrupted are not left "running" for ever
    assertThat(
            queryLong(
                work.resolve(dir), "SELECT count(*) FROM tributary.runs WHERE status = 'running'"))
        .isZero();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Test
  void sigtermFinishesTheCurrentBatchExitsWith130AndTheNextRunCompletesExactly() throws Exception {
    String dir = "sigterm";
    Process p =
        CliProcess.builder(
                work,
                Map.of(),
                "run",
                pipeline.toString(),
                "--data-dir",
                work.resolve(dir).toString(),
                "--json")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    // wait until the run has committed something, then ask it to stop
    Path store = work.resolve(dir).resolve("tributary.duckdb");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(store) && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(20);
    }
    Thread.sleep(700);
    assertThat(p.isAlive()).as("the run is still going when SIGTERM arrives").isTrue();
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(130);
    // the interrupted run is recorded as cancelled, not left running
    assertThat(
            queryLong(
                work.resolve(dir),
                "SELECT count(*) FROM tributary.runs WHERE status = 'cancelled'"))
        .isEqualTo(1);
    CliProcess.Result last = run(dir, Map.of());
    assertThat(last.exitCode()).as(last.stderr()).isEqualTo(0);
    assertThat(Snapshot.of(work.resolve(dir))).isEqualTo(clean);
  }

  static CliProcess.Result run(String dataDir, Map<String, String> env) throws Exception {
    return CliProcess.run(
        work,
        env,
        "run",
        pipeline.toString(),
        "--data-dir",
        work.resolve(dataDir).toString(),
        "--json");
  }

  /** Deterministic input: ~1% malformed lines, ~1% negative scores, ~5% exact duplicates. */
  static void writeInput(Path file, int from, int to) throws IOException {
    Random r = new Random(from);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = from; i < to; i++) {
        String line =
            String.format(
                "{\"id\": %d, \"user\": \"user%d\", \"score\": %d, \"text\": \"event %d with some text %s\", \"tags\": [\"a\", \"b%d\"]}",
                i,
                r.nextInt(500),
                (i % 97 == 0) ? -1 : r.nextInt(1000),
                i,
                Long.toHexString(r.nextLong()),
                i % 7);
        if (i % 101 == 0) {
          line = line.substring(0, line.length() / 2); // truncated: malformed JSON
        }
        w.write(line);
        w.newLine();
        if (i % 20 == 0) {
          w.write(line); // exact duplicate
          w.newLine();
        }
      }
    }
  }

  static long queryLong(Path dataDir, String sql) throws SQLException {
    try (Connection c = open(dataDir);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Opens the store file read-only, attached as catalog {@code db} (as the store does). */
  static Connection open(Path dataDir) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = c.createStatement()) {
      s.execute(
          "ATTACH '"
              + dataDir.resolve("tributary.duckdb").toAbsolutePath()
              + "' AS db (READ_ONLY)");
      s.execute("USE db");
    }
    return c;
  }

  /** What a data directory holds: rows (key → hash), quarantine entries, state. */
  record Snapshot(Map<String, String> rows, List<String> quarantine, JsonNode state) {
    static Snapshot of(Path dataDir) throws Exception {
      try (Connection c = open(dataDir);
          Statement s = c.createStatement()) {
        Map<String, String> rows = new TreeMap<>();
        long total = 0;
        try (ResultSet rs = s.executeQuery("SELECT _key, _hash FROM crash.events")) {
          while (rs.next()) {
            total++;
            rows.put(rs.getString(1), rs.getString(2));
          }
        }
        assertThat(total).as("no duplicate keys in the table").isEqualTo(rows.size());
        List<String> q = new ArrayList<>();
        try (ResultSet rs =
            s.executeQuery(
                "SELECT stage || '|' || rule || '|' || coalesce(origin, '') FROM tributary.quarantine"
                    + " ORDER BY 1")) {
          while (rs.next()) {
            q.add(rs.getString(1));
          }
        }
        JsonNode state;
        try (ResultSet rs =
            s.executeQuery(
                "SELECT CAST(state AS VARCHAR) FROM tributary.state WHERE pipeline = 'crash' AND stream = 'events'")) {
          state = rs.next() ? JSON.readTree(rs.getString(1)) : null;
        }
        return new Snapshot(rows, q, state == null ? null : doneFiles(state));
      }
    }

    /** The state's file list without timestamps that differ between data directories. */
    static JsonNode doneFiles(JsonNode state) {
      return state;
    }
  }
}
