package io.tributary.http.internal;

import static io.tributary.http.testing.Harness.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tributary.http.testing.CollectingEmitter;
import io.tributary.http.testing.Harness;
import io.tributary.http.testing.Pages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prints throughput figures of the engine against a local server serving 100-record pages, and the
 * per-request overhead of the engine's client stack compared with a bare {@link HttpClient} loop on
 * the same server. Figures are printed, never asserted (2 shared cores make timing assertions
 * flaky); the test asserts only that every record arrived.
 */
class EngineThroughputIT {
  static {
    // the JDK server otherwise sends headers and body in two segments and Nagle's algorithm
    // meets the client's delayed ACK: 40 ms per response
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final int PAGES = Integer.getInteger("bench.pages", 400);
  private static final int PER_PAGE = 100;
  private HttpServer server;
  private final Map<Integer, byte[]> bodies = new LinkedHashMap<>();

  @BeforeEach
  void start() throws IOException {
    for (int p = 1; p <= PAGES; p++) {
      List<Map<String, Object>> items = new java.util.ArrayList<>();
      for (int i = 0; i < PER_PAGE; i++) {
        int id = (p - 1) * PER_PAGE + i;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", "record number " + id);
        m.put("score", id % 97);
        m.put("created_utc", 1735725600 + id);
        m.put("author", Map.of("name", "user" + (id % 13), "karma", id % 1000));
        items.add(m);
      }
      bodies.put(
          p,
          Pages.data(items, "next", p < PAGES ? Integer.toString(p + 1) : null)
              .getBytes(StandardCharsets.UTF_8));
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/items",
        exchange -> {
          String q = exchange.getRequestURI().getQuery();
          int page = q != null && q.startsWith("after=") ? Integer.parseInt(q.substring(6)) : 1;
          byte[] body = bodies.get(page);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void printsPagesAndRecordsPerSecondAndTheClientStackOverhead() throws Exception {
    String plain =
        """
        name: bench
        description: Benchmark source
        base_url: https://api.example.com
        streams:
          - name: items
            primary_key: id
            request: {path: /items}
            records: {path: /data}
            pagination: {type: cursor, token_pointer: /next, param: after}
        """;
    Harness stack = Harness.of(plain);
    Harness h =
        Harness.of(
            plain
                + """
                    transforms:
                      - flatten: {field: author}
                      - add_fields: {created_at: "{{ record.created_utc }}"}
                      - coerce: {created_at: epoch_seconds}
                """);
    java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();
    CollectingEmitter counting =
        new CollectingEmitter() {
          @Override
          public void emit(io.tributary.spi.Record record) {
            counted.incrementAndGet(); // the engine's real emitter hands records on; keep none
          }
        };
    Harness.Result r = null;
    long engineCount = 0;
    double engineS = Double.MAX_VALUE;
    double bareS = Double.MAX_VALUE;
    double fetchS = Double.MAX_VALUE;
    double stackS = Double.MAX_VALUE;
    double stackCpu = Double.MAX_VALUE;
    double engineCpu = Double.MAX_VALUE;
    double bareCpu = Double.MAX_VALUE;
    int bareRecords = 0;
    for (int round = 0; round < 4; round++) { // round 0 warms the JIT up; best of the others
      long c0 = cpu();
      long t0 = System.nanoTime();
      counted.set(0);
      r = h.read("items", local(base()), Map.of(), counting).orThrow();
      engineCount = counted.get();
      double e = (System.nanoTime() - t0) / 1e9;
      long c1 = cpu();
      long t1 = System.nanoTime();
      bareRecords = bare(true);
      double b = (System.nanoTime() - t1) / 1e9;
      long c2 = cpu();
      long t2 = System.nanoTime();
      bare(false);
      double f = (System.nanoTime() - t2) / 1e9;
      long c3 = cpu();
      long t3 = System.nanoTime();
      stack.read("items", local(base()), Map.of(), counting).orThrow();
      double st = (System.nanoTime() - t3) / 1e9;
      long c4 = cpu();
      if (round > 0) {
        engineS = Math.min(engineS, e);
        bareS = Math.min(bareS, b);
        fetchS = Math.min(fetchS, f);
        engineCpu = Math.min(engineCpu, (c1 - c0) / 1e6 / PAGES);
        bareCpu = Math.min(bareCpu, (c2 - c1) / 1e6 / PAGES);
        stackS = Math.min(stackS, st);
        stackCpu = Math.min(stackCpu, (c4 - c3) / 1e6 / PAGES);
      }
    }

    assertThat(r.error()).isNull();
    assertThat(engineCount).isEqualTo(PAGES * PER_PAGE);
    assertThat(bareRecords).isEqualTo(PAGES * PER_PAGE);
    System.out.printf(
        "%nHTTP engine benchmark (%d pages x %d records, local server, 1 partition, sequential pages,"
            + " best of 3 after a warm-up round)%n"
            + "  engine with 3 transforms:         %6.0f pages/s %8.0f records/s  cpu %.3f ms/page%n"
            + "  engine without transforms:        %6.0f pages/s %8.0f records/s  cpu %.3f ms/page%n"
            + "  bare HttpClient + Jackson parse:  %6.0f pages/s %8.0f records/s  cpu %.3f ms/page%n"
            + "  bare HttpClient fetch only:       %6.0f pages/s%n"
            + "  client stack overhead (engine without transforms vs bare+parse): wall %.1f%%, cpu %.1f%%%n"
            + "  (wall-clock figures depend on the machine's load, CPU figures less so)%n",
        PAGES,
        PER_PAGE,
        PAGES / engineS,
        PAGES * PER_PAGE / engineS,
        engineCpu,
        PAGES / stackS,
        PAGES * PER_PAGE / stackS,
        stackCpu,
        PAGES / bareS,
        PAGES * PER_PAGE / bareS,
        bareCpu,
        PAGES / fetchS,
        (stackS / bareS - 1) * 100,
        (stackCpu / bareCpu - 1) * 100);
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Pages through the server with a bare client; returns the records counted. */
  @SuppressWarnings("unchecked")
  private int bare(boolean parse) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    int records = 0;
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      String next = null;
      for (int page = 0; page < PAGES; page++) {
        URI uri = URI.create(base() + "/items" + (next == null ? "" : "?after=" + next));
        byte[] body =
            client
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
        if (parse) {
          Map<String, Object> m = mapper.readValue(body, Map.class);
          records += ((List<Object>) m.get("data")).size();
          next = (String) m.get("next");
        } else {
          next = Integer.toString(page + 2);
        }
      }
    }
    return records;
  }
}
