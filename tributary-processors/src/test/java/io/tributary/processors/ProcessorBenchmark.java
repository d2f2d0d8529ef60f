package io.tributary.processors;

import io.tributary.processors.dedup.DedupProcessorProvider;
import io.tributary.processors.validate.ValidateProcessorProvider;
import io.tributary.spi.ProcessResult;
import io.tributary.spi.Processor;
import io.tributary.spi.ProcessorContext;
import io.tributary.spi.ProcessorProvider;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: prints what the validate and dedup processors cost per ~1 KB record, on one thread
 * and on two. Run from the module directory after {@code test-compile}:
 *
 * <pre>{@code
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.tributary.processors.ProcessorBenchmark [records] [rounds]
 * }</pre>
 *
 * (with {@code target/cp.txt} from {@code mvn dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}).
 */
public final class ProcessorBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ProcessorBenchmark() {}

  static final Map<String, Object> SCHEMA =
      Map.of(
          "type", "object",
          "required", List.of("id", "title", "created_at"),
          "properties",
              Map.ofEntries(
                  Map.entry("id", Map.of("type", "integer", "minimum", 0)),
                  Map.entry("title", Map.of("type", "string", "minLength", 1, "maxLength", 300)),
                  Map.entry("body", Map.of("type", "string")),
                  Map.entry("author", Map.of("type", "string", "pattern", "^user_[0-9]+$")),
                  Map.entry("created_at", Map.of("type", "string", "format", "date-time")),
                  Map.entry("score", Map.of("type", "integer", "minimum", -100)),
                  Map.entry("ratio", Map.of("type", "number", "minimum", 0, "maximum", 1)),
                  Map.entry("over_18", Map.of("type", "boolean")),
                  Map.entry("flair", Map.of("type", List.of("string", "null"))),
                  Map.entry("tags", Map.of("type", "array", "items", Map.of("type", "string"))),
                  Map.entry(
                      "geo",
                      Map.of(
                          "type",
                          "object",
                          "properties",
                          Map.of(
                              "lat", Map.of("type", "number"),
                              "lon", Map.of("type", "number"),
                              "country", Map.of("type", "string", "enum", List.of("DE", "FR")))))));

  static final List<Object> RULES =
      List.of(
          Map.of("field", "id", "rule", "not_null"),
          Map.of("field", "title", "rule", "not_empty"),
          Map.of("field", "score", "rule", "range", "min", -100, "max", 1_000_000),
          Map.of("field", "author", "rule", "regex", "pattern", "user_[0-9]+"),
          Map.of("field", "/geo/country", "rule", "allowed", "values", List.of("DE", "FR")));

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    List<Record> records = records(n);
    System.out.printf(
        "%,d records of ~1 KB, %d cores%n", n, Runtime.getRuntime().availableProcessors());
    bench("validate: schema only", records, rounds, () -> validate(Map.of("schema", SCHEMA)));
    bench("validate: rules only", records, rounds, () -> validate(Map.of("rules", RULES)));
    bench(
        "validate: schema + rules",
        records,
        rounds,
        () -> validate(Map.of("schema", SCHEMA, "rules", RULES)));
    bench("dedup: exact", records, rounds, () -> create(new DedupProcessorProvider(), Map.of()));
  }

  interface Factory {
    Processor create();
  }

  private static void bench(String name, List<Record> records, int rounds, Factory factory)
      throws Exception {
    for (int round = 1; round <= rounds; round++) {
      Processor p = factory.create();
      long start = System.nanoTime();
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      long passed = run(p, records, 0, records.size());
      double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e3 / records.size();
      double one = (System.nanoTime() - start) / 1e3 / records.size();

      Processor q = factory.create();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      int half = records.size() / 2;
      start = System.nanoTime();
      Future<Long> a = pool.submit(() -> run(q, records, 0, half));
      Future<Long> b = pool.submit(() -> run(q, records, half, records.size()));
      long passed2 = a.get() + b.get();
      double two = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      System.out.printf(
          "%-26s round %d: 1 thread %.2f µs/record (%.2f µs CPU); 2 threads %,.0f records/s"
              + " (passed %,d / %,d)%n",
          name, round, one, cpu, records.size() / two, passed, passed2);
    }
  }

  private static long run(Processor p, List<Record> records, int from, int to) {
    long passed = 0;
    for (int i = from; i < to; i++) {
      if (p.process(records.get(i)) instanceof ProcessResult.Pass) {
        passed++;
      }
    }
    return passed;
  }

  private static Processor validate(Map<String, Object> config) {
    return create(new ValidateProcessorProvider(), config);
  }

  private static Processor create(ProcessorProvider provider, Map<String, Object> config) {
    return provider.create(
        Config.of(provider.spec(), config),
        new ProcessorContext(
            "bench", StreamSpec.of("posts", List.of("id")), Path.of(""), Clock.systemUTC()));
  }

  /** ~1 KB records, 5% of them exact repeats of an earlier one. */
  static List<Record> records(int n) {
    SplittableRandom random = new SplittableRandom(42);
    String[] words = {
      "river", "data", "pipeline", "stream", "record", "quality", "schema", "north", "delta",
      "signal", "market", "weather", "city", "report", "update", "value", "change", "event"
    };
    Instant base = Instant.parse("2025-01-01T00:00:00Z");
    List<Record> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (i > 0 && random.nextInt(20) == 0) {
        out.add(out.get(random.nextInt(i)));
        continue;
      }
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("id", 1_000_000L + i);
      d.put("title", sentence(random, words, 10));
      d.put("body", sentence(random, words, 95));
      d.put("author", "user_" + random.nextInt(50_000));
      d.put("created_at", base.plusSeconds(i * 7L).toString());
      d.put("score", (long) random.nextInt(-50, 10_000));
      d.put("ratio", Math.round(random.nextDouble() * 10_000) / 10_000.0);
      d.put("over_18", random.nextInt(20) == 0);
      d.put("flair", null);
      d.put(
          "tags",
          List.of(words[random.nextInt(words.length)], words[random.nextInt(words.length)]));
      d.put("geo", Map.of("lat", 52.52, "lon", 13.405, "country", "DE"));
      String key = String.valueOf(d.get("id"));
      String hash = Long.toHexString(d.hashCode() * 0x9E3779B97F4A7C15L) + Long.toHexString(i);
      out.add(Record.of("posts", d, "bench.jsonl:" + (i + 1)).stamped(Instant.EPOCH, key, hash));
    }
    return out;
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
}
