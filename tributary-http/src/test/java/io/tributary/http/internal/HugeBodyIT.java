package io.tributary.http.internal;

import static io.tributary.http.testing.Harness.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tributary.http.testing.Harness;
import io.tributary.spi.PermanentException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that would stream 1 GiB without a Content-Length (WireMock keeps bodies in memory, so
 * this uses the JDK's own HTTP server): the engine must stop reading at its cap and keep memory
 * bounded.
 */
class HugeBodyIT {
  static {
    // the JDK server otherwise sends headers and body in two segments and Nagle's algorithm
    // meets the client's delayed ACK: 40 ms per response
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final long ONE_GIB = 1L << 30;
  private HttpServer server;
  private final AtomicLong written = new AtomicLong();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/items",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 0);
          byte[] chunk = new byte[64 * 1024];
          java.util.Arrays.fill(chunk, (byte) ' ');
          try (OutputStream out = exchange.getResponseBody()) {
            out.write('[');
            while (written.get() < ONE_GIB) {
              out.write(chunk);
              written.addAndGet(chunk.length);
            }
            out.write(']');
          } catch (IOException clientWentAway) {
            // expected: the engine hangs up at its cap
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aOneGibibyteBodyIsRefusedAtTheCapWithBoundedMemory() {
    Harness h =
        Harness.of(
            """
            name: demo
            description: Demo API
            base_url: https://api.example.com
            limits: {max_response_bytes: 16777216}
            streams:
              - name: items
                request: {path: /items}
            """);
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();

    Harness.Result r =
        h.read("items", local("http://127.0.0.1:" + server.getAddress().getPort()), Map.of());

    long after = rt.totalMemory() - rt.freeMemory();
    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("limits.max_response_bytes (16777216)");
    assertThat(written.get())
        .as("the server was cut off long before 1 GiB")
        .isLessThan(ONE_GIB / 4);
    assertThat(after - before).as("heap growth").isLessThan(256L << 20);
  }
}
