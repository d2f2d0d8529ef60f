package io.tributary.app.cli;

import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.app.bench.BenchData;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.run.Cancellation;
import io.tributary.engine.run.RunListener;
import io.tributary.engine.run.RunOptions;
import io.tributary.spi.store.RunInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary bench}: the end-to-end benchmark. Prints figures; never passes or fails on time.
 */
@Command(
    name = "bench",
    description = {
      "End-to-end benchmark: generate N ~1 KB JSONL records (~5%% exact duplicates), run file →"
          + " validate → dedup → DuckDB through the real engine, and compare with DuckDB's own"
          + " read_json load of the same file. Prints records/s, CPU-ms per 1,000 records and"
          + " peak RSS.",
      "With --source http: serve the same kind of records as pre-rendered 100-record pages from"
          + " a local HTTP server in this process, read them with a user manifest"
          + " (page_number pagination) → validate → dedup → DuckDB, then with the connector alone"
          + " and with a bare java.net.http.HttpClient loop (fetch + Jackson parse) over the same"
          + " pages. Prints pages/s, records/s, CPU-ms per 1,000 records, peak RSS and the"
          + " per-request overhead versus the bare loop."
    })
public final class BenchCommand extends EnvCommand {
  /**
   * The steps and store settings every bench tier runs (batch size as {@code %d}), so the tiers
   * measure the same work.
   */
  static final String STEPS =
      """
      process:
        - type: validate
          rules:
            - {field: id, rule: not_null}
            - {field: score, rule: range, min: 0, max: 1000000}
            - {field: url, rule: regex, pattern: "https?://.+"}
            - {field: lang, rule: allowed, values: [en, de, fr]}
        - type: dedup
      store:
        batch_size: %d
        flush_ms: 2000
      """;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--source",
      defaultValue = "file",
      description = "file or http (default ${DEFAULT-VALUE}).")
  String source;

  @Option(
      names = "--pages",
      defaultValue = "2000",
      description =
          "With --source http: pages of "
              + HttpBenchTier.PER_PAGE
              + " records to serve (default"
              + " ${DEFAULT-VALUE}).")
  int pages;

  @Option(
      names = "--records",
      defaultValue = "1000000",
      description = "With --source file: records to generate (default ${DEFAULT-VALUE}).")
  long records;

  @Option(
      names = "--work",
      defaultValue = "bench/out",
      paramLabel = "DIR",
      description = "Scratch directory (default ${DEFAULT-VALUE}).")
  Path work;

  @Option(
      names = "--batch-size",
      defaultValue = "125000",
      description = "Records per write transaction (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    Files.createDirectories(work);
    if (!source.equals("file") && !source.equals("http")) {
      throw new io.tributary.app.UserError(
          "--source must be file or http, not '" + source + "'", ExitCodes.USAGE);
    }
    if (source.equals("http")) {
      if (pages < 1) {
        throw new io.tributary.app.UserError("--pages must be at least 1", ExitCodes.USAGE);
      }
      new HttpBenchTier(out, work, pages, batchSize, env).run();
      return ExitCodes.OK;
    }
    Path input = work.resolve("input.jsonl");
    long t0 = System.nanoTime();
    long bytes = BenchData.write(input, records, 42);
    out.printf(
        "generated %,d records (%,.1f MB) in %.1fs at %s%n",
        records, bytes / 1e6, (System.nanoTime() - t0) / 1e9, input);
    Path pipelineFile = work.resolve("bench.yaml");
    Files.writeString(
        pipelineFile,
        ("""
        name: bench
        source:
          connector: file
          config:
            path: input.jsonl
            format: jsonl
            stream: events
            primary_key: [id]
            checkpoint_every: 20000
        """
                + STEPS)
            .formatted(batchSize));
    Path dataDir = work.resolve("data");
    deleteRecursively(dataDir);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    RunInfo run;
    long cpu0;
    long wall;
    long cpu;
    try (AppContext ctx = new AppContext(dataDir, Clock.systemUTC(), env)) {
      PipelineConfig p = ctx.loadPipeline(pipelineFile);
      ctx.store();
      cpu0 = os.getProcessCpuTime();
      long w0 = System.nanoTime();
      run =
          ctx.runner(p)
              .run(p, RunOptions.cli().withTrigger("bench"), new Cancellation(), RunListener.NONE);
      wall = System.nanoTime() - w0;
      cpu = os.getProcessCpuTime() - cpu0;
    }
    long rss = peakRssKb();
    double secs = wall / 1e9;
    out.printf(
        "%nTributary (file → validate → dedup → DuckDB), %d cores:%n",
        Runtime.getRuntime().availableProcessors());
    out.printf("  status          %s%n", run.status().wire());
    out.printf("  read            %,d%n", run.counts().read());
    out.printf("  written         %,d%n", run.counts().written());
    out.printf("  duplicates      %,d%n", run.counts().duplicates());
    out.printf("  quarantined     %,d%n", run.counts().quarantined());
    out.printf("  wall time       %.2f s%n", secs);
    out.printf("  throughput      %,.0f records/s%n", run.counts().read() / secs);
    out.printf(
        "  CPU             %.1f ms per 1,000 records%n",
        cpu / 1e6 / (run.counts().read() / 1000.0));
    out.printf("  peak RSS        %,d MB%n", rss / 1024);

    Path duck = work.resolve("native.duckdb");
    Files.deleteIfExists(duck);
    double nativeSecs;
    long nativeRows;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duck.toAbsolutePath());
        Statement s = c.createStatement()) {
      long n0 = System.nanoTime();
      s.execute(
          "CREATE TABLE events AS SELECT * FROM read_json('"
              + input.toAbsolutePath().toString().replace("'", "''")
              + "', format = 'newline_delimited')");
      nativeSecs = (System.nanoTime() - n0) / 1e9;
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
        rs.next();
        nativeRows = rs.getLong(1);
      }
    }
    double nativeRate = nativeRows / nativeSecs;
    out.printf("%nDuckDB read_json into a table (no validation, no dedup, no upsert):%n");
    out.printf("  rows            %,d%n", nativeRows);
    out.printf("  wall time       %.2f s%n", nativeSecs);
    out.printf("  throughput      %,.0f records/s%n", nativeRate);
    out.printf(
        "%nratio Tributary / DuckDB native: %.2f×%n", (run.counts().read() / secs) / nativeRate);
    out.flush();
    return ExitCodes.OK;
  }

  static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
