package io.tributary.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tributary.app.AppContext;
import io.tributary.app.bench.BenchData;
import io.tributary.engine.Plugins;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.run.Cancellation;
import io.tributary.engine.run.RunListener;
import io.tributary.engine.run.RunOptions;
import io.tributary.spi.Checkpoint;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.Emitter;
import io.tributary.spi.Record;
import io.tributary.spi.RejectedInput;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.store.RunInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP tier of {@code tributary bench}: a local API served in-process from pre-rendered
 * 100-record pages, read by a user manifest through the real engine (validate, dedup) into a fresh
 * DuckDB store, then by the connector alone (records discarded) and by a bare {@link HttpClient}
 * loop (fetch and Jackson parse), so the overhead of each layer can be read off one run.
 */
final class HttpBenchTier {
  static final int PER_PAGE = 100;
  static final String CONNECTOR = "benchapi";
  static final String PIPELINE = "httpbench";
  private static final int WARM_UP_PAGES = 200;

  private final PrintWriter out;
  private final Path work;
  private final int pages;
  private final int batchSize;
  private final Map<String, String> env;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final LongAdder serverCpuNanos = new LongAdder();
  private final LongAdder served = new LongAdder();
  private List<byte[]> bodies;

  HttpBenchTier(PrintWriter out, Path work, int pages, int batchSize, Map<String, String> env) {
    this.out = out;
    this.work = work;
    this.pages = pages;
    this.batchSize = batchSize;
    this.env = env;
  }

  /** What one measured pass cost: wall and process CPU, and the server's share of that CPU. */
  private record Cost(long wallNanos, long cpuNanos, long serverCpuNanos, long requests) {
    double seconds() {
      return wallNanos / 1e9;
    }

    /** Process CPU minus what the in-process server spent answering. */
    long clientCpuNanos() {
      return cpuNanos - serverCpuNanos;
    }
  }

  void run() throws Exception {
    // the JDK server writes headers and body in separate segments; without TCP_NODELAY Nagle's
    // algorithm meets the client's delayed ACK and every response waits ~40 ms
    System.setProperty("sun.net.httpserver.nodelay", "true");
    long t0 = System.nanoTime();
    long duplicates = render();
    long bodyBytes = bodies.stream().mapToLong(b -> b.length).sum();
    long records = (long) pages * PER_PAGE;
    out.printf(
        "rendered %,d pages x %d records (%,d records, %,d exact duplicates planted, %,.1f MB of"
            + " JSON) in %.1fs%n",
        pages, PER_PAGE, records, duplicates, bodyBytes / 1e6, (System.nanoTime() - t0) / 1e9);

    Path project = work.resolve("http");
    BenchCommand.deleteRecursively(project);
    Files.createDirectories(project.resolve("connectors"));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "bench-http-server");
              t.setDaemon(true);
              return t;
            });
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.setExecutor(pool);
    server.createContext("/v1/events", this::serve);
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
      Path pipelineFile = writeProject(project, base);
      out.printf("serving on %s (4 server threads, pages pre-rendered)%n", base);

      // warm the JIT up on both clients, Jackson and the server before anything is timed
      bare(base, Math.min(pages, WARM_UP_PAGES));

      Path dataDir = project.resolve("data");
      RunInfo run;
      Cost engine;
      Cost source;
      long sourceRecords;
      try (AppContext ctx = new AppContext(dataDir, Clock.systemUTC(), env)) {
        PipelineConfig p = ctx.loadPipeline(pipelineFile);
        readSourceAlone(ctx, p, Math.min(pages, WARM_UP_PAGES));
        ctx.store();
        var runner = ctx.runner(p);
        RunInfo[] holder = new RunInfo[1];
        engine =
            measure(
                () ->
                    holder[0] =
                        runner.run(
                            p,
                            RunOptions.cli().withTrigger("bench"),
                            new Cancellation(),
                            RunListener.NONE));
        run = holder[0];
        long[] n = new long[1];
        source = measure(() -> n[0] = readSourceAlone(ctx, p, 0));
        sourceRecords = n[0];
      }
      long[] parsed = new long[1];
      Cost bare = measure(() -> parsed[0] = bare(base, pages));
      long stored = storedRows(dataDir.resolve(AppContext.STORE_FILE));
      report(run, stored, engine, source, sourceRecords, bare, parsed[0]);
      out.flush();
    } finally {
      server.stop(0);
      pool.shutdownNow();
    }
  }

  private void report(
      RunInfo run,
      long stored,
      Cost engine,
      Cost source,
      long sourceRecords,
      Cost bare,
      long bareRecords) {
    long rss = BenchCommand.peakRssKb();
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf("%nTributary (HTTP manifest → validate → dedup → DuckDB), %d cores:%n", cores);
    out.printf("  status          %s%n", run.status().wire());
    out.printf("  read            %,d%n", run.counts().read());
    out.printf("  written         %,d%n", run.counts().written());
    out.printf("  duplicates      %,d%n", run.counts().duplicates());
    out.printf("  quarantined     %,d%n", run.counts().quarantined());
    out.printf("  stored rows     %,d%n", stored);
    printRates(engine, run.counts().read());
    out.printf(
        "  peak RSS        %,d MB (whole process: server and its pages included)%n", rss / 1024);

    out.printf("%nHTTP source alone (the same manifest and client stack, records discarded):%n");
    out.printf("  records         %,d%n", sourceRecords);
    printRates(source, sourceRecords);

    out.printf("%nBare java.net.http.HttpClient loop (fetch + Jackson parse):%n");
    out.printf("  records         %,d%n", bareRecords);
    printRates(bare, bareRecords);

    out.printf(
        "%nper-request overhead versus the bare loop (wall per page, client CPU per page):%n");
    overhead("HTTP source alone", source, bare);
    overhead("end-to-end into DuckDB", engine, bare);
    out.printf(
        "  (client CPU = process CPU minus the in-process server's threads; the figures above"
            + " include the server)%n");
  }

  private void printRates(Cost c, long records) {
    double secs = c.seconds();
    out.printf("  requests        %,d%n", c.requests());
    out.printf("  wall time       %.2f s%n", secs);
    out.printf("  throughput      %,.0f pages/s, %,.0f records/s%n", pages / secs, records / secs);
    out.printf(
        "  CPU             %.1f ms per 1,000 records (%.1f without the server)%n",
        c.cpuNanos() / 1e6 / (records / 1000.0), c.clientCpuNanos() / 1e6 / (records / 1000.0));
    out.printf(
        "  per page        %.3f ms wall, %.3f ms client CPU%n",
        c.wallNanos() / 1e6 / pages, c.clientCpuNanos() / 1e6 / pages);
  }

  private void overhead(String label, Cost c, Cost bare) {
    out.printf(
        "  %-24s wall %+.1f%%, client CPU %+.1f%%%n",
        label,
        (c.wallNanos() / (double) bare.wallNanos() - 1) * 100,
        (c.clientCpuNanos() / (double) bare.clientCpuNanos() - 1) * 100);
  }

  /** Renders every page body once; returns the duplicates planted among the records. */
  private long render() {
    bodies = new ArrayList<>(pages);
    StringBuilder page = new StringBuilder(PER_PAGE * 1100);
    int[] inPage = {0};
    long duplicates =
        BenchData.generate(
            (long) pages * PER_PAGE,
            42,
            record -> {
              page.append(inPage[0] == 0 ? "" : ",").append(record);
              if (++inPage[0] == PER_PAGE) {
                int number = bodies.size() + 1;
                String body =
                    "{\"page\":"
                        + number
                        + ",\"total_pages\":"
                        + pages
                        + ",\"data\":["
                        + page
                        + "]}";
                bodies.add(body.getBytes(StandardCharsets.UTF_8));
                page.setLength(0);
                inPage[0] = 0;
              }
            });
    return duplicates;
  }

  private void serve(HttpExchange exchange) throws IOException {
    long cpu0 = threads.getCurrentThreadCpuTime();
    try {
      int page = pageParam(exchange.getRequestURI().getRawQuery());
      byte[] body =
          page >= 1 && page <= bodies.size()
              ? bodies.get(page - 1)
              : ("{\"page\":" + page + ",\"total_pages\":" + pages + ",\"data\":[]}")
                  .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(body);
      }
    } finally {
      served.increment();
      serverCpuNanos.add(threads.getCurrentThreadCpuTime() - cpu0);
    }
  }

  private static int pageParam(String query) {
    if (query != null) {
      for (String kv : query.split("&")) {
        if (kv.startsWith("page=")) {
          try {
            return Integer.parseInt(kv.substring(5));
          } catch (NumberFormatException e) {
            return -1;
          }
        }
      }
    }
    return 1;
  }

  private Path writeProject(Path project, String base) throws IOException {
    Files.writeString(
        project.resolve("connectors").resolve(CONNECTOR + ".yaml"),
        """
        name: %s
        description: Local benchmark API served in-process by tributary bench --source http
        base_url: http://127.0.0.1/v1
        headers:
          Accept: application/json
        streams:
          - name: events
            primary_key: id
            request:
              path: /events
            records: {path: /data}
            pagination:
              type: page_number
              param: page
              start: 1
              total_pages_pointer: /total_pages
              max_pages: %d
        """
            .formatted(CONNECTOR, pages + 10));
    Path pipelineFile = project.resolve(PIPELINE + ".yaml");
    Files.writeString(
        pipelineFile,
        ("""
        name: %s
        source:
          connector: %s
          config:
            base_url: %s
            allow_private_addresses: [127.0.0.1]
        """
                + BenchCommand.STEPS)
            .formatted(PIPELINE, CONNECTOR, base, batchSize));
    return pipelineFile;
  }

  /**
   * Reads the pipeline's stream with the connector alone, counting and discarding records; a
   * positive {@code samplePages} stops after that many pages.
   */
  private static long readSourceAlone(AppContext ctx, PipelineConfig p, int samplePages)
      throws Exception {
    Plugins plugins = ctx.plugins(p.baseDir(), p.source().manifests());
    ConnectorProvider provider = plugins.connector(p.source().connector());
    Map<String, Object> values = new java.util.LinkedHashMap<>(p.source().config());
    if (samplePages > 0) {
      values.put("max_pages", samplePages);
    }
    Config config = Config.of(provider.spec(), values);
    AtomicLong n = new AtomicLong();
    Emitter counting =
        new Emitter() {
          @Override
          public void emit(Record record) {
            n.incrementAndGet();
          }

          @Override
          public void checkpoint(Checkpoint checkpoint) {}

          @Override
          public void reject(RejectedInput input) {
            throw new IllegalStateException("rejected " + input.origin() + ": " + input.reason());
          }

          @Override
          public boolean isCancelled() {
            return false;
          }
        };
    try (Connector c = provider.create(ConnectorContext.of(p.baseDir(), Clock.systemUTC()))) {
      for (StreamSpec s : c.discover(config)) {
        c.read(s, config, Map.of(), counting);
      }
    }
    return n.get();
  }

  /** Pages through the server with a bare client and Jackson; returns the records parsed. */
  private static long bare(String base, int upTo) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    long records = 0;
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      int total = upTo;
      for (int page = 1; page <= upTo && page <= total; page++) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/events?page=" + page)).build();
        byte[] body = client.send(req, HttpResponse.BodyHandlers.ofByteArray()).body();
        JsonNode tree = mapper.readTree(body);
        records += tree.get("data").size();
        total = tree.get("total_pages").asInt();
      }
    }
    return records;
  }

  private static long storedRows(Path store) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:duckdb:" + store.toAbsolutePath(), propertiesReadOnly());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + PIPELINE + ".events")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static java.util.Properties propertiesReadOnly() {
    java.util.Properties props = new java.util.Properties();
    props.setProperty("duckdb.read_only", "true");
    return props;
  }

  private interface Timed {
    void run() throws Exception;
  }

  private Cost measure(Timed body) throws Exception {
    long server0 = serverCpuNanos.sum();
    long requests0 = served.sum();
    long cpu0 = os.getProcessCpuTime();
    long w0 = System.nanoTime();
    body.run();
    long wall = System.nanoTime() - w0;
    long cpu = os.getProcessCpuTime() - cpu0;
    return new Cost(wall, cpu, serverCpuNanos.sum() - server0, served.sum() - requests0);
  }
}
