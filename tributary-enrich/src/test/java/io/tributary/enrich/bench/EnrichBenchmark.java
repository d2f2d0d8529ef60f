package io.tributary.enrich.bench;

import io.tributary.enrich.Enrichers;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of each enricher on one thread, with the result cache off so the figure is the
 * analysis itself, over a mix of real fixture texts (titles, tweets, Reddit posts, news summaries)
 * and the 3,000 UCI review sentences. Also prints the load time and the heap held after loading.
 * Throughput is given per second of the thread's CPU time (robust when other processes share the
 * core) and per second of wall time. A measurement that prints figures, not a test. Run it pinned
 * to one core, e.g. {@code taskset -c 0 java -cp <test classpath>
 * io.tributary.enrich.bench.EnrichBenchmark}.
 */
public final class EnrichBenchmark {
  private EnrichBenchmark() {}

  private static final long WARM_UP_NANOS = 6_000_000_000L;
  private static final long MEASURE_NANOS = 5_000_000_000L;

  public static void main(String[] args) throws Exception {
    List<String> texts = new ArrayList<>(EvalData.fixtureTexts());
    for (String set : List.of("amazon", "imdb", "yelp")) {
      EvalData.uci(set).forEach(l -> texts.add(l.text()));
    }
    double meanChars = texts.stream().mapToInt(String::length).average().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "texts: %d (mean %.0f chars); cpus visible: %d; java %s%n",
        texts.size(),
        meanChars,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    for (String name : List.of("sentiment", "language", "entities", "keywords")) {
      measure(List.of(name), texts);
    }
    measure(List.of("sentiment", "language"), texts);
    measure(List.of("sentiment", "language", "entities", "keywords"), texts);
  }

  private static void measure(List<String> names, List<String> texts) throws Exception {
    long heapBefore = usedHeap();
    long t0 = System.nanoTime();
    Map<String, Map<String, Object>> noCache = new java.util.LinkedHashMap<>();
    for (String n : names) {
      noCache.put(n, Map.of("cache_size", 0L));
    }
    try (Enrichers enrichers = Enrichers.create(names, noCache)) {
      long loadMs = (System.nanoTime() - t0) / 1_000_000;
      long heapMb = (usedHeap() - heapBefore) >> 20;
      long sink = 0;
      long start = System.nanoTime();
      int i = 0;
      while (System.nanoTime() - start < WARM_UP_NANOS) {
        sink += enrichers.enrich(texts.get(i++ % texts.size())).size();
      }
      long count = 0;
      long cpuStart = processCpuNanos();
      start = System.nanoTime();
      while (System.nanoTime() - start < MEASURE_NANOS) {
        for (int k = 0; k < 100; k++) {
          sink += enrichers.enrich(texts.get(i++ % texts.size())).size();
        }
        count += 100;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%-40s %9.0f texts/cpu-s %9.0f texts/wall-s   load %5d ms   heap after load +%d MB   (%d)%n",
          String.join("+", names),
          count / cpuSeconds,
          count / seconds,
          loadMs,
          Math.max(0, heapMb),
          sink % 2);
    }
  }

  /** CPU time of the whole JVM (all threads: libraries may compute on pools, and GC counts). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
