package io.tributary.store.duckdb;

import io.tributary.spi.Checkpoint;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.store.TableRef;
import io.tributary.spi.store.WriteBatch;
import io.tributary.spi.store.WriteResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prints how fast the store writes: N (default 200,000) records of about 1 KB with 15 fields, in
 * batches of 10,000, first into an empty table, then the identical data again (all unchanged). Not
 * a test. Run from the module directory after {@code mvn test-compile}:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp "target/classes:target/test-classes:$(cat cp.txt)" \
 *   io.tributary.store.duckdb.DuckDbStoreWriteBenchmark [records] [batch]
 * </pre>
 *
 * (with {@code cp.txt} from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class DuckDbStoreWriteBenchmark {
  private DuckDbStoreWriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    List<Record> records = generate(n);
    long bytes = 0;
    for (int i = 0; i < Math.min(n, 1000); i++) {
      bytes += Json.write(records.get(i).data()).length();
    }
    System.out.printf(
        "%,d records, ~%,d bytes of JSON each, batches of %,d%n",
        n, bytes / Math.min(n, 1000), batchSize);

    Path dir = Files.createTempDirectory("tributary-bench");
    Path file = dir.resolve("bench.duckdb");
    TableRef table = new TableRef("bench", "posts");
    StreamSpec spec = StreamSpec.of("posts", List.of("id"));
    try {
      run("first load", file, table, spec, records, batchSize);
      run("identical re-load", file, table, spec, records, batchSize);
      System.out.printf("file size %,d bytes%n", Files.size(file));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** Opens the store, writes every batch, closes it (which checkpoints); all but the open timed. */
  private static void run(
      String label,
      Path file,
      TableRef table,
      StreamSpec spec,
      List<Record> records,
      int batchSize) {
    long inserted = 0;
    long updated = 0;
    long unchanged = 0;
    DuckDbStore store = DuckDbStore.open(file, Clock.systemUTC());
    store.prepare(table, spec);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    for (int from = 0; from < records.size(); from += batchSize) {
      List<Record> slice = records.subList(from, Math.min(records.size(), from + batchSize));
      WriteResult r =
          store.write(
              new WriteBatch(
                  "bench-run",
                  "bench",
                  "generator",
                  table,
                  spec,
                  slice,
                  List.of(),
                  new Checkpoint("posts", Map.of("offset", (long) from + slice.size()))));
      inserted += r.inserted();
      updated += r.updated();
      unchanged += r.unchanged();
    }
    long closeStart = System.nanoTime();
    store.close();
    long closeNanos = System.nanoTime() - closeStart;
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
    System.out.printf(
        "%-18s %,10.0f records/s  (%.2f s incl. %.2f s close/checkpoint; %.1f CPU-ms per 1,000"
            + " records; inserted %,d, updated %,d, unchanged %,d)%n",
        label,
        records.size() / seconds,
        seconds,
        closeNanos / 1e9,
        cpuSeconds * 1e6 / records.size(),
        inserted,
        updated,
        unchanged);
  }

  private static final String WORDS =
      "data pipeline river stream lake duck query table index merge batch commit record field"
          + " schema window quota cursor state update insert select where group order limit";

  static List<Record> generate(int n) {
    SplittableRandom rnd = new SplittableRandom(42);
    String[] words = WORDS.split(" ");
    Instant fetched = Instant.parse("2025-03-01T12:00:00Z");
    List<Record> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, Object> d = new LinkedHashMap<>();
      String id = "t3_" + Integer.toString(i, 36);
      d.put("id", id);
      d.put("subreddit", "r/" + words[rnd.nextInt(words.length)]);
      d.put("title", sentence(rnd, words, 12));
      d.put("selftext", sentence(rnd, words, 70));
      d.put("author", "user_" + rnd.nextInt(50_000));
      d.put("score", (long) rnd.nextInt(100_000));
      d.put("upvote_ratio", rnd.nextDouble());
      d.put("num_comments", (long) rnd.nextInt(5_000));
      d.put("created_utc", 1_700_000_000L + i);
      d.put("url", "https://example.org/r/" + id + "/" + words[rnd.nextInt(words.length)]);
      d.put("over_18", rnd.nextInt(20) == 0);
      d.put("flair", rnd.nextBoolean() ? null : words[rnd.nextInt(words.length)]);
      d.put("permalink", "/r/bench/comments/" + id + "/" + words[rnd.nextInt(words.length)]);
      d.put(
          "tags", List.of(words[rnd.nextInt(words.length)], words[rnd.nextInt(words.length)], "x"));
      d.put("media", Map.of("kind", "image", "width", (long) rnd.nextInt(4000)));
      out.add(Record.of("posts", d, "bench:" + i).stamped(fetched, id, TestData.hash(d)));
    }
    return out;
  }

  private static String sentence(SplittableRandom rnd, String[] words, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(words[rnd.nextInt(words.length)]);
    }
    return sb.toString();
  }
}
