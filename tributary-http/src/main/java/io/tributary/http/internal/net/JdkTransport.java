package io.tributary.http.internal.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The real transport: {@code java.net.http.HttpClient} on virtual threads.
 *
 * <p>Deadlines: connect ({@code connect_timeout}), response headers ({@code read_timeout}) and the
 * whole response including its body ({@code total_timeout}); when one passes the exchange is
 * cancelled and the waiting thread released. Caps: bytes received and bytes after decompression
 * (gzip bombs are refused while inflating, never held in memory). Redirects are followed here, at
 * most {@code max_redirects}, each target re-checked by the {@link AddressGuard}; credentials are
 * not forwarded to another host and https is never downgraded to http.
 *
 * <p>Thread-safe; one instance per connector, closed with it.
 */
public final class JdkTransport implements Transport {
  private static final Set<String> RESTRICTED =
      Set.of("host", "connection", "content-length", "expect", "upgrade");

  /** Deadlines and caps of one transport. */
  public record Settings(
      Duration connectTimeout,
      Duration readTimeout,
      Duration totalTimeout,
      long maxResponseBytes,
      long maxDecompressedBytes,
      int maxRedirects) {}

  private final ExecutorService executor;
  private final HttpClient client;
  private final Settings settings;
  private final AddressGuard guard;

  public JdkTransport(Settings settings, AddressGuard guard) {
    this.settings = settings;
    this.guard = guard;
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.client =
        HttpClient.newBuilder()
            .executor(executor)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public HttpReply send(HttpCall call) throws TransportException, InterruptedException {
    HttpCall current = call;
    String originalHost = call.uri().getHost();
    for (int hop = 0; ; hop++) {
      guard.check(current.uri());
      HttpResponse<byte[]> response = exchange(current);
      int status = response.statusCode();
      if (isRedirect(status) && response.headers().firstValue("location").isPresent()) {
        if (hop >= settings.maxRedirects()) {
          throw new TransportException(
              TransportException.Kind.REDIRECT,
              "more than "
                  + settings.maxRedirects()
                  + " redirects starting at "
                  + AddressGuard.safe(call.uri())
                  + "; raise limits.max_redirects if this is expected");
        }
        URI target = resolve(current.uri(), response.headers().firstValue("location").get());
        current = redirected(current, status, target, originalHost);
        continue;
      }
      byte[] body = decode(response.headers(), response.body());
      return new HttpReply(status, response.headers().map(), body, current.uri());
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static URI resolve(URI base, String location) throws TransportException {
    try {
      return base.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw new TransportException(
          TransportException.Kind.REDIRECT,
          "redirect to an invalid URL from " + AddressGuard.safe(base));
    }
  }

  private static HttpCall redirected(HttpCall from, int status, URI target, String originalHost)
      throws TransportException {
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new TransportException(
          TransportException.Kind.REDIRECT,
          "refusing redirect to a " + scheme + ": URL from " + AddressGuard.safe(from.uri()));
    }
    if ("https".equalsIgnoreCase(from.uri().getScheme()) && scheme.equals("http")) {
      throw new TransportException(
          TransportException.Kind.REDIRECT,
          "refusing redirect from https to plain http (" + AddressGuard.safe(target) + ")");
    }
    HttpCall next = from.withUri(target);
    if (status == 303 || ((status == 301 || status == 302) && from.method().equals("POST"))) {
      next = new HttpCall("GET", target, next.headers(), null);
    }
    if (!target.getHost().equalsIgnoreCase(originalHost)) {
      next = next.withoutHeaders(List.of("authorization", "cookie", "proxy-authorization"));
    }
    return next;
  }

  private HttpResponse<byte[]> exchange(HttpCall call)
      throws TransportException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(call.uri());
    if ("http".equalsIgnoreCase(call.uri().getScheme())) {
      b.version(HttpClient.Version.HTTP_1_1);
    }
    call.headers()
        .forEach(
            (k, v) -> {
              if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
                b.header(k, v);
              }
            });
    if (call.headers().keySet().stream().noneMatch(k -> k.equalsIgnoreCase("accept-encoding"))) {
      b.header("Accept-Encoding", "gzip, deflate");
    }
    b.method(
        call.method(),
        call.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    // The header deadline is kept here rather than with HttpRequest.timeout(): that one
    // registers a timer with the client's selector thread for every request.
    CompletableFuture<Void> headers = new CompletableFuture<>();
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(
            b.build(),
            info -> {
              headers.complete(null);
              return new CappedSubscriber(info, settings.maxResponseBytes());
            });
    future.whenComplete((r, e) -> headers.complete(null));
    long start = System.nanoTime();
    long total = settings.totalTimeout().toNanos();
    try {
      try {
        headers.get(Math.min(settings.readTimeout().toNanos(), total), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        future.cancel(true);
        throw new TransportException(
            TransportException.Kind.TIMEOUT,
            "no response headers from "
                + AddressGuard.safe(call.uri())
                + " within "
                + settings.readTimeout().toSeconds()
                + "s (limits.read_timeout)");
      }
      long left = Math.max(1, total - (System.nanoTime() - start));
      return future.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new TransportException(
          TransportException.Kind.TIMEOUT,
          "no complete response from "
              + AddressGuard.safe(call.uri())
              + " within "
              + settings.totalTimeout().toSeconds()
              + "s (limits.total_timeout)");
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw classify(call, e.getCause());
    }
  }

  private TransportException classify(HttpCall call, Throwable t) {
    String where = AddressGuard.safe(call.uri());
    if (t instanceof TransportException te) {
      return te;
    }
    if (t instanceof HttpConnectTimeoutException) {
      return new TransportException(
          TransportException.Kind.TIMEOUT,
          "could not connect to "
              + where
              + " within "
              + settings.connectTimeout().toSeconds()
              + "s",
          t);
    }
    if (t instanceof HttpTimeoutException) {
      return new TransportException(
          TransportException.Kind.TIMEOUT,
          "no response headers from "
              + where
              + " within "
              + settings.readTimeout().toSeconds()
              + "s (limits.read_timeout)",
          t);
    }
    if (t instanceof ConnectException) {
      return new TransportException(
          TransportException.Kind.NETWORK, "cannot connect to " + where, t);
    }
    if (t instanceof IOException) {
      return new TransportException(
          TransportException.Kind.NETWORK,
          "connection to "
              + where
              + " failed before the response was complete ("
              + t.getMessage()
              + ")",
          t);
    }
    return new TransportException(
        TransportException.Kind.NETWORK, "request to " + where + " failed: " + t, t);
  }

  private byte[] decode(HttpHeaders headers, byte[] raw) throws TransportException {
    String encoding =
        headers.firstValue("content-encoding").orElse("identity").trim().toLowerCase(Locale.ROOT);
    if (encoding.equals("identity") || encoding.isEmpty() || raw.length == 0) {
      return raw;
    }
    try (InputStream in =
        switch (encoding) {
          case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(raw));
          case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(raw));
          default ->
              throw new TransportException(
                  TransportException.Kind.NETWORK,
                  "unsupported Content-Encoding '" + encoding + "'");
        }) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(raw.length * 4, 1 << 20));
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > settings.maxDecompressedBytes()) {
          throw new TransportException(
              TransportException.Kind.TOO_LARGE,
              "response of "
                  + raw.length
                  + " compressed bytes expands beyond limits.max_decompressed_bytes ("
                  + settings.maxDecompressedBytes()
                  + "); refused as a possible decompression bomb");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (TransportException e) {
      throw e;
    } catch (IOException e) {
      throw new TransportException(
          TransportException.Kind.NETWORK,
          "compressed body is damaged or truncated: " + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    client.shutdownNow();
    executor.shutdownNow();
  }

  /** Collects a body, failing as soon as it exceeds the cap (or its declared length does). */
  private static final class CappedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long max;
    private final long declared;
    private Flow.Subscription subscription;
    private long received;
    // the body so far: sized from Content-Length when the server sends one (one copy per byte,
    // straight from the network buffers), grown by doubling otherwise
    private byte[] buf;

    CappedSubscriber(HttpResponse.ResponseInfo info, long max) {
      this.max = max;
      this.declared = info.headers().firstValueAsLong("content-length").orElse(-1);
      this.buf = new byte[declared >= 0 && declared <= max ? (int) declared : 8192];
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declared > max) {
        s.cancel();
        result.completeExceptionally(tooLarge(declared));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        received += b.remaining();
        if (received > max) {
          subscription.cancel();
          result.completeExceptionally(tooLarge(received));
          return;
        }
        int n = b.remaining();
        int at = (int) (received - n);
        if (received > buf.length) {
          buf =
              Arrays.copyOf(
                  buf,
                  (int)
                      Math.min(
                          Math.min(max, Integer.MAX_VALUE - 8),
                          Math.max(received, 2L * buf.length)));
        }
        b.get(buf, at, n);
      }
    }

    private TransportException tooLarge(long bytes) {
      return new TransportException(
          TransportException.Kind.TOO_LARGE,
          "response body of at least "
              + bytes
              + " bytes exceeds limits.max_response_bytes ("
              + max
              + "); refused");
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(received == buf.length ? buf : Arrays.copyOf(buf, (int) received));
    }
  }
}
