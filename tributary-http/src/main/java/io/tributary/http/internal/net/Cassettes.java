package io.tributary.http.internal.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Recording and replaying HTTP exchanges as cassette files: one JSON file per exchange with the
 * request (method, URL, headers, body) and the response (status, headers, body), every secret
 * replaced by {@code ******}. Replay matches method, scrubbed URL and scrubbed body; identical
 * requests are served in recorded order (the last one repeats).
 */
public final class Cassettes {
  private static final Set<String> SENSITIVE_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key");
  private static final Set<String> DROPPED_RESPONSE_HEADERS =
      Set.of("content-encoding", "content-length", "transfer-encoding", "set-cookie");

  private Cassettes() {}

  /** Wraps a transport and saves every exchange it completes into {@code dir}. */
  public static Transport recording(
      Transport delegate, Path dir, UnaryOperator<String> scrub, ObjectMapper mapper) {
    return new Recorder(delegate, dir, scrub, mapper);
  }

  /**
   * Serves exchanges saved in {@code dir}, without network.
   *
   * @throws IllegalArgumentException when the folder is missing or holds an unreadable cassette
   */
  public static Transport replaying(Path dir, UnaryOperator<String> scrub, ObjectMapper mapper) {
    return new Replayer(dir, scrub, mapper);
  }

  static String key(String method, String url, byte[] body, UnaryOperator<String> scrub) {
    String b = body == null ? "" : scrub.apply(new String(body, StandardCharsets.UTF_8));
    return method.toUpperCase(Locale.ROOT) + " " + sortedQuery(scrub.apply(url)) + " " + sha(b);
  }

  /**
   * The URL with its query parameters in name order (a stable sort, so repeated names keep their
   * order): a replay must not depend on the order a client happens to put parameters in.
   */
  static String sortedQuery(String url) {
    int q = url.indexOf('?');
    if (q < 0) {
      return url;
    }
    int hash = url.indexOf('#', q);
    String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
    List<String> params = new ArrayList<>(List.of(query.split("&")));
    params.removeIf(String::isEmpty);
    params.sort(
        java.util.Comparator.comparing(p -> p.contains("=") ? p.substring(0, p.indexOf('=')) : p));
    return url.substring(0, q) + (params.isEmpty() ? "" : "?" + String.join("&", params));
  }

  private static String sha(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)),
              0,
              8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Recorder implements Transport {
    private final Transport delegate;
    private final Path dir;
    private final UnaryOperator<String> scrub;
    private final ObjectMapper mapper;
    private final AtomicInteger counter = new AtomicInteger();
    private final String prefix;

    Recorder(Transport delegate, Path dir, UnaryOperator<String> scrub, ObjectMapper mapper) {
      this.delegate = delegate;
      this.dir = dir;
      this.scrub = scrub;
      this.mapper = mapper;
      this.prefix = Long.toString(System.nanoTime(), 36);
    }

    @Override
    public HttpReply send(HttpCall call) throws TransportException, InterruptedException {
      HttpReply reply = delegate.send(call);
      save(call, reply);
      return reply;
    }

    private void save(HttpCall call, HttpReply reply) throws TransportException {
      Map<String, Object> req = new LinkedHashMap<>();
      req.put("method", call.method());
      req.put("url", scrub.apply(call.uri().toString()));
      Map<String, String> headers = new LinkedHashMap<>();
      call.headers()
          .forEach(
              (k, v) ->
                  headers.put(
                      k,
                      SENSITIVE_HEADERS.contains(k.toLowerCase(Locale.ROOT))
                          ? io.tributary.spi.config.Secret.MASK
                          : scrub.apply(v)));
      req.put("headers", headers);
      req.put(
          "body",
          call.body() == null
              ? null
              : scrub.apply(new String(call.body(), StandardCharsets.UTF_8)));
      Map<String, Object> res = new LinkedHashMap<>();
      res.put("status", reply.status());
      Map<String, List<String>> rh = new LinkedHashMap<>();
      reply
          .headers()
          .forEach(
              (k, v) -> {
                if (!DROPPED_RESPONSE_HEADERS.contains(k) && !k.startsWith(":")) {
                  rh.put(k, v.stream().map(scrub).toList());
                }
              });
      res.put("headers", rh);
      String text = utf8(reply.body());
      if (text != null) {
        res.put("body", scrub.apply(text));
      } else {
        res.put("body_base64", Base64.getEncoder().encodeToString(reply.body()));
      }
      Map<String, Object> cassette = new LinkedHashMap<>();
      cassette.put("request", req);
      cassette.put("response", res);
      String name =
          String.format(
              "%s-%04d-%s-%s.json",
              prefix,
              counter.incrementAndGet(),
              call.method().toLowerCase(Locale.ROOT),
              slug(call.uri()));
      try {
        Files.createDirectories(dir);
        mapper.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(name).toFile(), cassette);
      } catch (IOException e) {
        throw new TransportException(
            TransportException.Kind.NETWORK,
            "cannot write the recording to " + dir + ": " + e.getMessage(),
            e);
      }
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static String slug(URI uri) {
    String s = (uri.getHost() + uri.getRawPath()).replaceAll("[^A-Za-z0-9]+", "_");
    return s.length() > 60 ? s.substring(0, 60) : s;
  }

  private static String utf8(byte[] b) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static final class Replayer implements Transport {
    private final Map<String, Deque<HttpReply>> exchanges = new LinkedHashMap<>();
    private final Map<String, HttpReply> lastServed = new LinkedHashMap<>();
    private final UnaryOperator<String> scrub;
    private final Path dir;

    @SuppressWarnings("unchecked")
    Replayer(Path dir, UnaryOperator<String> scrub, ObjectMapper mapper) {
      this.scrub = scrub;
      this.dir = dir;
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(
            "replay folder " + dir + " does not exist; record one first with --record");
      }
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot list replay folder " + dir + ": " + e.getMessage());
      }
      for (Path f : files) {
        try {
          Map<String, Object> c = mapper.readValue(f.toFile(), Map.class);
          Map<String, Object> req = (Map<String, Object>) c.get("request");
          Map<String, Object> res = (Map<String, Object>) c.get("response");
          String body = (String) req.get("body");
          String k =
              key(
                  (String) req.get("method"),
                  (String) req.get("url"),
                  body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                  UnaryOperator.identity());
          Map<String, List<String>> headers = new LinkedHashMap<>();
          Object hs = res.get("headers");
          if (hs instanceof Map<?, ?> hm) {
            hm.forEach(
                (hk, hv) -> {
                  List<String> values = new ArrayList<>();
                  if (hv instanceof List<?> l) {
                    l.forEach(x -> values.add(String.valueOf(x)));
                  } else {
                    values.add(String.valueOf(hv));
                  }
                  headers.put(String.valueOf(hk), values);
                });
          }
          byte[] bytes =
              res.get("body") instanceof String text
                  ? text.getBytes(StandardCharsets.UTF_8)
                  : res.get("body_base64") instanceof String b64
                      ? Base64.getDecoder().decode(b64)
                      : new byte[0];
          int status = ((Number) res.get("status")).intValue();
          exchanges
              .computeIfAbsent(k, x -> new ArrayDeque<>())
              .add(new HttpReply(status, headers, bytes, URI.create((String) req.get("url"))));
        } catch (IOException | RuntimeException e) {
          throw new IllegalArgumentException(
              "cassette " + f + " is not a recorded exchange: " + e.getMessage());
        }
      }
    }

    @Override
    public synchronized HttpReply send(HttpCall call) throws TransportException {
      String k = key(call.method(), call.uri().toString(), call.body(), scrub);
      Deque<HttpReply> q = exchanges.get(k);
      if (q != null && !q.isEmpty()) {
        HttpReply r = q.poll();
        lastServed.put(k, r);
        return r;
      }
      HttpReply last = lastServed.get(k);
      if (last != null) {
        return last;
      }
      throw new TransportException(
          TransportException.Kind.NOT_RECORDED,
          "no recorded exchange in "
              + dir
              + " for "
              + call.method()
              + " "
              + scrub.apply(call.uri().toString())
              + "; record the run again with --record");
    }
  }
}
