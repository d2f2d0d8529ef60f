package io.tributary.app.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Generates the benchmark input: JSONL records of about 1 KB with a realistic mix of fields (ids,
 * names, timestamps, numbers, booleans, free text, a nested object, a list) and about 5% exact
 * duplicates. Deterministic for a given seed.
 */
public final class BenchData {
  private static final String[] WORDS = {
    "market", "price", "token", "launch", "moon", "rally", "dump", "whale", "wallet", "exchange",
    "volume", "news", "report", "data", "pipeline", "stream", "river", "quality", "signal", "trend",
    "spike", "alert", "sensor", "air", "weather", "storm", "city", "record", "update", "release"
  };
  private static final String[] SOURCES = {"reddit", "twitter", "rss", "gdelt", "newsapi"};

  private BenchData() {}

  /**
   * Writes {@code records} lines (duplicates included in the count) and returns the bytes written.
   */
  public static long write(Path file, long records, long seed) throws IOException {
    long[] bytes = {0};
    try (BufferedWriter w =
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
      generate(
          records,
          seed,
          line -> {
            try {
              w.write(line);
              w.write('\n');
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            bytes[0] += line.length() + 1;
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return bytes[0];
  }

  /**
   * Hands {@code records} JSON objects (duplicates included in the count) to {@code sink}, in
   * order, and returns how many of them were exact duplicates of the record before.
   */
  public static long generate(long records, long seed, Consumer<String> sink) {
    SplittableRandom r = new SplittableRandom(seed);
    long base = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    String previous = null;
    long duplicates = 0;
    long id = 0;
    for (long i = 0; i < records; i++) {
      String line;
      if (previous != null && r.nextInt(100) < 5) {
        line = previous; // exact duplicate of the previous record
        duplicates++;
      } else {
        line = record(r, id++, base);
      }
      sink.accept(line);
      previous = line;
    }
    return duplicates;
  }

  private static String record(SplittableRandom r, long id, long base) {
    StringBuilder sb = new StringBuilder(1100);
    String src = SOURCES[r.nextInt(SOURCES.length)];
    sb.append("{\"id\":\"").append(src).append('-').append(id).append('"');
    sb.append(",\"source\":\"").append(src).append('"');
    sb.append(",\"author\":\"user_").append(r.nextInt(50_000)).append('"');
    sb.append(",\"created_at\":\"")
        .append(Instant.ofEpochSecond(base + id * 7 + r.nextInt(5)))
        .append('"');
    sb.append(",\"score\":").append(r.nextInt(10_000));
    sb.append(",\"ratio\":").append(Math.round(r.nextDouble() * 10_000) / 10_000.0);
    sb.append(",\"comments\":").append(r.nextInt(500));
    sb.append(",\"nsfw\":").append(r.nextInt(50) == 0);
    sb.append(",\"lang\":\"").append(r.nextInt(10) < 8 ? "en" : "de").append('"');
    sb.append(",\"url\":\"https://example.org/").append(src).append('/').append(id).append('"');
    sb.append(",\"title\":\"");
    words(sb, r, 8 + r.nextInt(6));
    sb.append("\",\"text\":\"");
    words(sb, r, 70 + r.nextInt(40));
    sb.append("\",\"geo\":{\"lat\":").append(Math.round((r.nextDouble() * 180 - 90) * 1e4) / 1e4);
    sb.append(",\"lon\":").append(Math.round((r.nextDouble() * 360 - 180) * 1e4) / 1e4);
    sb.append("},\"tags\":[\"").append(WORDS[r.nextInt(WORDS.length)]).append("\",\"");
    sb.append(WORDS[r.nextInt(WORDS.length)]).append("\"]}");
    return sb.toString();
  }

  private static void words(StringBuilder sb, SplittableRandom r, int n) {
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(WORDS[r.nextInt(WORDS.length)]);
    }
  }
}
