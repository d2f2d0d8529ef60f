package io.tributary.http.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Serves recorded responses from {@code src/test/resources/fixtures/<source>/} exactly as their
 * {@code index.json} describes them: method, path, every query parameter, status and headers. A
 * request with a query parameter the recording did not have is not served.
 */
public final class FixtureServer {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One entry of an index.json. */
  public record Entry(
      String file,
      String method,
      String path,
      Map<String, String> query,
      int status,
      Map<String, String> headers) {}

  private FixtureServer() {}

  @SuppressWarnings("unchecked")
  public static List<Entry> index(String source) {
    try (InputStream in = resource(source + "/index.json")) {
      List<Map<String, Object>> raw = MAPPER.readValue(in, List.class);
      List<Entry> out = new ArrayList<>();
      for (Map<String, Object> e : raw) {
        out.add(
            new Entry(
                (String) e.get("file"),
                (String) e.get("method"),
                (String) e.get("path"),
                parseQuery((String) e.get("query")),
                ((Number) e.get("status")).intValue(),
                (Map<String, String>) e.getOrDefault("headers", Map.of())));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] body(String source, String file) {
    try (InputStream in = resource(source + "/" + file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InputStream resource(String path) {
    InputStream in = FixtureServer.class.getResourceAsStream("/fixtures/" + path);
    if (in == null) {
      throw new IllegalStateException("missing fixture " + path);
    }
    return in;
  }

  static Map<String, String> parseQuery(String q) {
    Map<String, String> out = new LinkedHashMap<>();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String pair : q.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }

  /** The stub serving one recorded entry (callers may add scenario conditions). */
  public static MappingBuilder stub(String source, Entry e) {
    MappingBuilder m =
        request(e.method(), e.query().isEmpty() ? urlEqualTo(e.path()) : urlPathEqualTo(e.path()));
    e.query().forEach((k, v) -> m.withQueryParam(k, equalTo(v)));
    ResponseDefinitionBuilder r =
        aResponse().withStatus(e.status()).withBody(body(source, e.file()));
    e.headers().forEach(r::withHeader);
    return m.willReturn(r);
  }

  /** Registers every entry of the source's index, except the named files. */
  public static void serve(WireMockExtension wm, String source, String... except) {
    Set<String> skip = Set.of(except);
    for (Entry e : index(source)) {
      if (!skip.contains(e.file())) {
        wm.stubFor(stub(source, e));
      }
    }
  }

  /**
   * Asserts that every request the server received matched a recording exactly: same path and the
   * same set of query parameter names (no extra parameter besides {@code notRecorded}, e.g. an API
   * key the recording left out).
   */
  public static void assertRequestsMatchedRecordings(
      WireMockExtension wm, String source, String... notRecorded) {
    List<Entry> entries = index(source);
    Set<String> ignored = Set.of(notRecorded);
    for (ServeEvent ev : wm.getAllServeEvents()) {
      if (!ev.getWasMatched()) {
        throw new AssertionError("request not recorded: " + ev.getRequest().getUrl());
      }
      String url = ev.getRequest().getUrl();
      String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
      Set<String> names =
          new TreeSet<>(
              parseQuery(url.contains("?") ? url.substring(url.indexOf('?') + 1) : "").keySet());
      names.removeAll(ignored);
      boolean ok =
          entries.stream()
              .anyMatch(
                  e -> e.path().equals(path) && new TreeSet<>(e.query().keySet()).equals(names));
      if (!ok) {
        throw new AssertionError(
            "request "
                + url
                + " has query parameters "
                + names
                + " that no recording of "
                + path
                + " has");
      }
    }
  }
}
