package io.tributary.enrich.language;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Compares OpenNLP's language detector (model langdetect-183, 103 languages) with Lingua
 * (restricted to configured languages) on the labelled fixture texts and the UCI English sentences:
 * accuracy by language and length, load time, heap retained by the loaded model, and throughput on
 * one thread. Prints figures; it is a measurement, not a test.
 *
 * <p>Run: {@code java -cp <test classpath> io.tributary.enrich.language.LanguageDetectorComparison}
 */
public final class LanguageDetectorComparison {

  record Sample(String text, String label, String group) {}

  private static final List<String> CONFIGURED =
      List.of("en", "de", "fr", "es", "it", "pt", "nl", "ru", "ja", "zh");

  public static void main(String[] args) throws Exception {
    List<Sample> samples = samples();
    System.out.printf("samples: %d%n", samples.size());
    Map<String, Integer> groups = new TreeMap<>();
    samples.forEach(s -> groups.merge(s.group(), 1, Integer::sum));
    System.out.println("groups: " + groups);

    // --- OpenNLP
    long heap0 = usedHeap();
    long t0 = System.nanoTime();
    LanguageDetectorModel model;
    try (InputStream in =
        LanguageDetectorComparison.class.getResourceAsStream("/langdetect-183.bin")) {
      model = new LanguageDetectorModel(in);
    }
    LanguageDetectorME opennlp = new LanguageDetectorME(model);
    long loadOpenNlp = System.nanoTime() - t0;
    long heapOpenNlp = usedHeap() - heap0;
    Function<String, String> openNlpAll = text -> iso1(opennlp.predictLanguage(text).getLang());
    Set<String> configured = Set.copyOf(CONFIGURED);
    Function<String, String> openNlpRestricted =
        text -> {
          for (Language l : opennlp.predictLanguages(text)) {
            String code = iso1(l.getLang());
            if (configured.contains(code)) {
              return code;
            }
          }
          return "und";
        };

    // --- Lingua, restricted
    heap0 = usedHeap();
    t0 = System.nanoTime();
    IsoCode639_1[] codes =
        CONFIGURED.stream()
            .map(c -> IsoCode639_1.valueOf(c.toUpperCase(Locale.ROOT)))
            .toArray(IsoCode639_1[]::new);
    com.github.pemistahl.lingua.api.LanguageDetector lingua =
        LanguageDetectorBuilder.fromIsoCodes639_1(codes).withPreloadedLanguageModels().build();
    long loadLingua = System.nanoTime() - t0;
    long heapLingua = usedHeap() - heap0;
    Function<String, String> linguaFn =
        text -> {
          var l = lingua.detectLanguageOf(text);
          return l.getIsoCode639_1() == IsoCode639_1.NONE
              ? "und"
              : l.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
        };

    heap0 = usedHeap();
    t0 = System.nanoTime();
    com.github.pemistahl.lingua.api.LanguageDetector linguaLow =
        LanguageDetectorBuilder.fromIsoCodes639_1(codes)
            .withPreloadedLanguageModels()
            .withLowAccuracyMode()
            .build();
    long loadLinguaLow = System.nanoTime() - t0;
    long heapLinguaLow = usedHeap() - heap0;
    Function<String, String> linguaLowFn =
        text -> {
          var l = linguaLow.detectLanguageOf(text);
          return l.getIsoCode639_1() == IsoCode639_1.NONE
              ? "und"
              : l.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
        };

    System.out.printf(
        "%nload: opennlp %d ms (+%d MB heap), lingua-high(10 langs) %d ms (+%d MB),"
            + " lingua-low(10 langs) %d ms (+%d MB)%n",
        loadOpenNlp / 1_000_000,
        heapOpenNlp >> 20,
        loadLingua / 1_000_000,
        heapLingua >> 20,
        loadLinguaLow / 1_000_000,
        heapLinguaLow >> 20);

    report("opennlp (all 103)", openNlpAll, samples);
    report("opennlp (restricted to 10)", openNlpRestricted, samples);
    report("lingua high accuracy (10)", linguaFn, samples);
    report("lingua low accuracy (10)", linguaLowFn, samples);
  }

  private static void report(String name, Function<String, String> detector, List<Sample> samples) {
    Map<String, int[]> byGroup = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    for (Sample s : samples) {
      String got = apply(detector, s.text());
      int[] c = byGroup.computeIfAbsent(s.group(), g -> new int[2]);
      c[1]++;
      if (got.equals(s.label())) {
        c[0]++;
      } else if (!s.group().startsWith("en-uci")) {
        misses.add(got + " for " + s.label() + ": " + abbreviate(s.text()));
      }
    }
    // throughput: fixture texts (not UCI), repeated for about two seconds on this thread
    List<Sample> fixture = samples.stream().filter(s -> !s.group().startsWith("en-uci")).toList();
    long warm = System.nanoTime();
    while (System.nanoTime() - warm < 2_000_000_000L) {
      for (Sample s : fixture) {
        apply(detector, s.text());
      }
    }
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    long count = 0;
    while (System.nanoTime() - start < 3_000_000_000L) {
      for (Sample s : fixture) {
        apply(detector, s.text());
      }
      count += fixture.size();
    }
    double perCpuSecond = count / ((processCpuNanos() - cpuStart) / 1e9);
    System.out.printf(
        "%n== %s: %.0f texts per CPU-second of the JVM (fixture mix)%n", name, perCpuSecond);
    int ok = 0;
    int all = 0;
    for (var e : byGroup.entrySet()) {
      int[] c = e.getValue();
      ok += c[0];
      all += c[1];
      System.out.printf("  %-10s %4d/%4d = %.3f%n", e.getKey(), c[0], c[1], c[0] / (double) c[1]);
    }
    System.out.printf("  %-10s %4d/%4d = %.3f%n", "ALL", ok, all, ok / (double) all);
    misses.stream().limit(12).forEach(m -> System.out.println("    miss: " + m));
  }

  static boolean cleanText = !Boolean.getBoolean("raw");

  private static String apply(Function<String, String> detector, String text) {
    String t = cleanText ? DetectionText.clean(text) : text;
    if (DetectionText.letters(t) == 0) {
      return "und";
    }
    return detector.apply(t);
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 90 ? one.substring(0, 90) + "…" : one;
  }

  /** ISO 639-3 (as OpenNLP reports) to ISO 639-1 where one exists. */
  static String iso1(String iso3) {
    String mapped = LanguageCodes.toIso639_1(iso3);
    return mapped == null ? iso3 : mapped;
  }

  static List<Sample> samples() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Sample> out = new ArrayList<>();
    try (InputStream in =
        LanguageDetectorComparison.class.getResourceAsStream(
            "/eval/language/fixture-texts.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        String label = n.get("label").asText();
        out.add(new Sample(n.get("text").asText(), label, label + "-" + n.get("length").asText()));
      }
    }
    for (String set : List.of("amazon", "imdb", "yelp")) {
      try (InputStream in =
          LanguageDetectorComparison.class.getResourceAsStream(
              "/eval/sentiment-uci/" + set + ".json")) {
        for (JsonNode n : json.readTree(in)) {
          String text = n.path("text").asText("").strip();
          if (!text.isEmpty()) {
            out.add(new Sample(text, "en", "en-uci"));
          }
        }
      }
    }
    return out;
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
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
