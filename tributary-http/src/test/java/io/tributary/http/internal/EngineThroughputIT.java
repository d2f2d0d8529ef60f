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
    Harness h =
        Harness.of(
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
    double engineS = Double.MAX_VALUE;
    double bareS = Double.MAX_VALUE;
    double fetchS = Double.MAX_VALUE;
    int bareRecords = 0;
    for (int round = 0; round < 4; round++) { // round 0 warms the JIT up; best of the others
      long t0 = System.nanoTime();
      counted.set(0);
      r = h.read("items", local(base()), Map.of(), counting).orThrow();
      double e = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      bareRecords = bare(true);
      double b = (System.nanoTime() - t1) / 1e9;
      long t2 = System.nanoTime();
      bare(false);
      double f = (System.nanoTime() - t2) / 1e9;
      if (round > 0) {
        engineS = Math.min(engineS, e);
        bareS = Math.min(bareS, b);
        fetchS = Math.min(fetchS, f);
      }
    }

    assertThat(r.error()).isNull();
    assertThat(counted.get()).isEqualTo(PAGES * PER_PAGE);
    assertThat(bareRecords).isEqualTo(PAGES * PER_PAGE);
    System.out.printf(
        "%nHTTP engine benchmark (%d pages x %d records, local server, 1 partition, sequential pages)%n"
            + "  engine (fetch+parse+select+transforms+emit): %.0f pages/s, %.0f records/s%n"
            + "  bare HttpClient + Jackson parse:            %.0f pages/s%n"
            + "  bare HttpClient fetch only:                 %.0f pages/s%n"
            + "  engine per page %.3f ms vs bare+parse %.3f ms: overhead %.1f%%%n",
        PAGES,
        PER_PAGE,
        PAGES / engineS,
        PAGES * PER_PAGE / engineS,
        PAGES / bareS,
        PAGES / fetchS,
        engineS * 1000 / PAGES,
        bareS * 1000 / PAGES,
        (engineS / bareS - 1) * 100);
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
