package io.tributary.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A real HTTP server on loopback that records what it receives, answering with a chosen status; it
 * can hold every request on a latch (a channel that never answers in time).
 */
public final class Receiver implements AutoCloseable {
  /** One received request. */
  public record Request(
      String method, String path, Map<String, List<String>> headers, String body, int status) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Request> all = new CopyOnWriteArrayList<>();
  private final AtomicInteger arrived = new AtomicInteger();
  private volatile IntSupplier status = () -> 200;
  private volatile CountDownLatch hold;

  public Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          arrived.incrementAndGet();
          CountDownLatch h = hold;
          if (h != null) {
            try {
              h.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          int code = status.getAsInt();
          all.add(
              new Request(
                  ex.getRequestMethod(),
                  ex.getRequestURI().getPath(),
                  Map.copyOf(ex.getRequestHeaders()),
                  body,
                  code));
          byte[] answer = (code < 300 ? "ok" : "error").getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(code, answer.length);
          ex.getResponseBody().write(answer);
          ex.close();
        });
    server.start();
  }

  /** The URL of {@code path} on this server. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Requests answered with 2xx, in arrival order. */
  public List<Request> requests() {
    return all.stream().filter(r -> r.status() >= 200 && r.status() < 300).toList();
  }

  /** Requests answered with 2xx on {@code path}. */
  public List<Request> requests(String path) {
    return requests().stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Every answered request, whatever the status. */
  public List<Request> all() {
    return List.copyOf(all);
  }

  /** Every request that arrived, whatever the answer. */
  public int arrived() {
    return arrived.get();
  }

  public void answer(int code) {
    status = () -> code;
  }

  public void answer(IntSupplier codes) {
    status = codes;
  }

  /** Holds every request until {@code latch} opens. */
  public void holdOn(CountDownLatch latch) {
    hold = latch;
  }

  @Override
  public void close() {
    CountDownLatch h = hold;
    if (h != null) {
      h.countDown();
    }
    server.stop(0);
  }
}
