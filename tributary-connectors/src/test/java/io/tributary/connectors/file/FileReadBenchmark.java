package io.tributary.connectors.file;

import io.tributary.spi.Checkpoint;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.Emitter;
import io.tributary.spi.Record;
import io.tributary.spi.RejectedInput;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Not a test: prints how fast the file connector reads ~1 KB JSON Lines records through {@code
 * read} into an emitter that does nothing. Run it from the module directory after {@code
 * test-compile}:
 *
 * <pre>{@code
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.tributary.connectors.file.FileReadBenchmark [records] [rounds]
 * }</pre>
 *
 * (where {@code target/cp.txt} comes from {@code mvn dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}).
 */
public final class FileReadBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private FileReadBenchmark() {}

  public static void main(String[] args) throws IOException {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createTempDirectory("tributary-file-bench");
    Path file = dir.resolve("bench.jsonl");
    try {
      generate(file, records);
      long bytes = Files.size(file);
      System.out.printf(
          "input: %,d records, %,d bytes (%.0f bytes/record)%n",
          records, bytes, (double) bytes / records);
      Connector connector =
          new FileConnectorProvider().create(ConnectorContext.of(dir, Clock.systemUTC()));
      Config config =
          Config.of(
              new FileConnectorProvider().spec(),
              Map.of("path", "bench.jsonl", "primary_key", List.of("id")));
      StreamSpec stream = StreamSpec.of("records", List.of("id"));
      for (int round = 1; round <= rounds; round++) {
        CountingEmitter emitter = new CountingEmitter();
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        connector.read(stream, config, Map.of(), emitter);
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        long nanos = System.nanoTime() - start;
        if (emitter.records != records) {
          throw new IllegalStateException("read " + emitter.records + " of " + records);
        }
        System.out.printf(
            "round %d: %,.0f records/s, %.1f MB/s, %.2f µs/record (%.2f µs CPU), %d checkpoints%n",
            round,
            records / (nanos / 1e9),
            bytes / (nanos / 1e9) / 1e6,
            nanos / 1e3 / records,
            cpu / 1e3 / records,
            emitter.checkpoints);
      }
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /** Writes ~1 KB records with a realistic mix of field types. */
  static void generate(Path file, int records) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    String[] words = {
      "river", "data", "pipeline", "stream", "record", "quality", "schema", "north", "delta",
      "signal", "market", "weather", "city", "report", "update", "value", "change", "event"
    };
    Instant base = Instant.parse("2025-01-01T00:00:00Z");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder(1200);
      for (int i = 0; i < records; i++) {
        sb.setLength(0);
        sb.append("{\"id\":").append(1_000_000 + i);
        sb.append(",\"title\":\"").append(sentence(random, words, 10)).append('"');
        sb.append(",\"body\":\"").append(sentence(random, words, 95)).append('"');
        sb.append(",\"author\":\"user_").append(random.nextInt(50_000)).append('"');
        sb.append(",\"created_at\":\"").append(base.plusSeconds(i * 7L)).append('"');
        sb.append(",\"score\":").append(random.nextInt(-50, 10_000));
        sb.append(",\"ratio\":").append(Math.round(random.nextDouble() * 10_000) / 10_000.0);
        sb.append(",\"over_18\":").append(random.nextInt(20) == 0);
        sb.append(",\"flair\":null");
        sb.append(",\"tags\":[\"")
            .append(words[random.nextInt(words.length)])
            .append("\",\"")
            .append(words[random.nextInt(words.length)])
            .append("\"]");
        sb.append(",\"geo\":{\"lat\":")
            .append(Math.round(random.nextDouble(-90, 90) * 1e5) / 1e5)
            .append(",\"lon\":")
            .append(Math.round(random.nextDouble(-180, 180) * 1e5) / 1e5)
            .append(",\"country\":\"DE\"}");
        sb.append("}\n");
        w.append(sb);
      }
    }
  }

  private static String sentence(SplittableRandom random, String[] words, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(words[random.nextInt(words.length)]);
    }
    return sb.toString();
  }

  private static final class CountingEmitter implements Emitter {
    long records;
    long checkpoints;

    @Override
    public void emit(Record record) {
      records++;
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
      checkpoints++;
    }

    @Override
    public void reject(RejectedInput input) {
      throw new IllegalStateException("unexpected reject at " + input.origin());
    }

    @Override
    public boolean isCancelled() {
      return false;
    }
  }
}
