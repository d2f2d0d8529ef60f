package io.tributary.server.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop (constant-rate) latency benchmark of {@code GET /api/runs} and {@code GET
 * /api/jobs}: requests are sent on a fixed schedule whether or not earlier ones have answered, and
 * each latency is measured from the request's <em>scheduled</em> send time, so a stalled server
 * shows up in the tail instead of slowing the load down (no coordinated omission).
 *
 * <p>Not a test: run it by hand against a running server, e.g.
 *
 * <pre>
 * java -cp ... io.tributary.server.bench.ApiLatencyBench http://127.0.0.1:8080 TOKEN [rate] [seconds] [pid]
 * </pre>
 *
 * or with no arguments through {@link InProcessBench}, which starts a server itself. Prints
 * p50/p99/p99.9/max per endpoint and, when a pid is given, the server's resident set size.
 */
public final class ApiLatencyBench {
  private ApiLatencyBench() {}

  /** What one run of the load measured. */
  public record Result(String endpoint, long[] micros, long errors, double seconds) {
    public long percentile(double p) {
      if (micros.length == 0) {
        return -1;
      }
      int i = (int) Math.ceil(p / 100.0 * micros.length) - 1;
      return micros[Math.max(0, Math.min(micros.length - 1, i))];
    }

    @Override
    public String toString() {
      return String.format(
          "%-16s n=%d errors=%d  p50=%.2f ms  p99=%.2f ms  p99.9=%.2f ms  max=%.2f ms",
          endpoint,
          micros.length,
          errors,
          percentile(50) / 1000.0,
          percentile(99) / 1000.0,
          percentile(99.9) / 1000.0,
          micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ApiLatencyBench BASE_URL TOKEN [rate=500] [seconds=20] [pid]");
      System.exit(2);
    }
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    if (args.length > 4) {
      System.out.printf("server idle RSS: %d MiB%n", rssKb(Long.parseLong(args[4])) / 1024);
    }
    for (Result r : run(URI.create(args[0]), args[1], rate, seconds)) {
      System.out.println(r);
    }
  }

  /** Fires {@code rate} requests per second for {@code seconds}, alternating the two endpoints. */
  public static List<Result> run(URI base, String token, int rate, int seconds)
      throws InterruptedException {
    String[] paths = {"/api/runs?limit=50", "/api/jobs"};
    int total = rate * seconds;
    long[] latency = new long[total];
    Arrays.fill(latency, -1);
    AtomicLong[] errors = {new AtomicLong(), new AtomicLong()};
    try (ExecutorService vt = Executors.newFixedThreadPool(4)) {
      HttpClient http =
          HttpClient.newBuilder()
              .executor(vt)
              .connectTimeout(Duration.ofSeconds(5))
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      HttpRequest[] requests = new HttpRequest[2];
      for (int i = 0; i < 2; i++) {
        requests[i] =
            HttpRequest.newBuilder(base.resolve(paths[i]))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
      }
      // warm up: JIT, connection pool
      for (int i = 0; i < 400; i++) {
        try {
          http.send(requests[i % 2], HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
          throw new IllegalStateException("the server does not answer at " + base, e);
        }
      }
      long intervalNanos = 1_000_000_000L / rate;
      long start = System.nanoTime() + 10_000_000;
      CompletableFuture<?>[] all = new CompletableFuture<?>[total];
      for (int i = 0; i < total; i++) {
        long due = start + i * intervalNanos;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        int idx = i;
        int which = i % 2;
        all[i] =
            http.sendAsync(requests[which], HttpResponse.BodyHandlers.discarding())
                .handle(
                    (resp, err) -> {
                      if (err != null || resp.statusCode() != 200) {
                        errors[which].incrementAndGet();
                      } else {
                        latency[idx] = (System.nanoTime() - due) / 1_000;
                      }
                      return null;
                    });
      }
      CompletableFuture.allOf(all).join();
      double took = (System.nanoTime() - start) / 1e9;
      Result[] out = new Result[2];
      for (int w = 0; w < 2; w++) {
        int ww = w;
        long[] mine =
            java.util.stream.IntStream.range(0, total)
                .filter(i -> i % 2 == ww && latency[i] >= 0)
                .mapToLong(i -> latency[i])
                .sorted()
                .toArray();
        out[w] = new Result("GET " + paths[w].replaceAll("\\?.*", ""), mine, errors[w].get(), took);
      }
      return List.of(out);
    }
  }

  /** The resident set size of a process in KiB, from /proc (Linux). */
  public static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** This JVM's pid. */
  public static long selfPid() {
    return ManagementFactory.getRuntimeMXBean().getPid();
  }
}
