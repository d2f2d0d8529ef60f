package io.tributary.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the reference pipelines' replay cassettes from the recorded fixtures in {@code
 * ../shared/fixtures}: each cassette pairs the request a pipeline sends with a recorded response,
 * its body copied unchanged. {@link #main} writes them into {@code examples/}; {@code
 * ReferencePipelinesIT} checks that the committed ones are exactly what this produces.
 */
final class ReferenceCassettes {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One exchange: a fixture file answers a request.
   *
   * @param url the request the pipeline sends; {@code null} for the recorded one (host, path and
   *     query of the fixture's index entry)
   * @param note why the request differs from the recorded one, when it does
   */
  record Exchange(String source, String file, String method, String url, String body, String note) {
    static Exchange recorded(String source, String file) {
      return new Exchange(source, file, null, null, null, null);
    }
  }

  /** The exchanges of each reference pipeline, by its folder under examples/. */
  static final Map<String, List<Exchange>> PIPELINES = new LinkedHashMap<>();

  static {
    PIPELINES.put(
        "reddit-sentiment",
        List.of(
            new Exchange(
                "reddit",
                "oauth_access_token.json",
                "POST",
                "https://www.reddit.com/api/v1/access_token",
                "grant_type=client_credentials",
                null),
            Exchange.recorded("reddit", "r_askreddit_new_limit100.json")));
    PIPELINES.put(
        "openaq-air-quality",
        List.of(
            Exchange.recorded("openaq", "v3_locations_limit100_page1.json"),
            Exchange.recorded("openaq", "v3_locations_3_sensors.json"),
            new Exchange(
                "openaq",
                "v3_sensors_3_measurements_limit5.json",
                "GET",
                "https://api.openaq.org/v3/sensors/3/measurements?limit=1000&page=1",
                null,
                "recorded with limit=5; the pipeline asks for 1000 per page, and the 5 recorded"
                    + " measurements end the read as a short page would"),
            new Exchange(
                "openaq",
                "v3_sensors_3_measurements_2023-03-07.json",
                "GET",
                "https://api.openaq.org/v3/sensors/3/measurements?datetime_from=2023-03-07T00%3A00%3A00Z"
                    + "&datetime_to=2023-03-08T00%3A00%3A00Z&limit=1000&page=1",
                null,
                "the backfill of README.md (--from 2023-03-07 --to 2023-03-08); recorded with the"
                    + " window in the location's local time (-05:00) and 100 per page")));
    PIPELINES.put(
        "memecoin-signals",
        List.of(
            Exchange.recorded("twitter", "v2_tweets_search_recent_tweepy.json"),
            new Exchange(
                "yahoo_finance",
                "v8_chart_AAPL_1d_2020-08-31_to_2020-11-07_events.json",
                "GET",
                "https://query2.finance.yahoo.com/v8/finance/chart/AAPL?useYfid=true&interval=1d"
                    + "&includePrePost=true&events=div%7Csplit%7Cearn&lang=en-US&period1=1598832000",
                null,
                "recorded with period2=1604707200 (2020-11-07); the pipeline asks from its start"
                    + " date on, and gets the bars up to that day"),
            new Exchange(
                "etherscan",
                "tokentx_page1.json",
                "GET",
                "https://api.etherscan.io/v2/api?chainid=1&module=account&action=tokentx"
                    + "&address=0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae&startblock=0&sort=asc"
                    + "&page=1&offset=100&apikey=******",
                null,
                "DOC-BASED, not a recording: written after Etherscan's API documentation, with"
                    + " invented hashes and amounts"),
            new Exchange(
                "sample",
                "robots.txt",
                "GET",
                "https://tokens.example/robots.txt",
                null,
                "written for this example"),
            new Exchange(
                "sample",
                "tokens.html",
                "GET",
                "https://tokens.example/fundamentals",
                null,
                "a SAMPLE page written for this example: the tokens and numbers are invented")));
  }

  private ReferenceCassettes() {}

  static Path fixtures(Path repo) {
    return repo.resolveSibling("shared").resolve("fixtures");
  }

  /** The cassette files of one reference pipeline, by file name, as JSON text. */
  static Map<String, String> build(Path repo, String pipeline) throws IOException {
    Map<String, String> out = new TreeMap<>();
    List<Exchange> exchanges = PIPELINES.get(pipeline);
    for (int i = 0; i < exchanges.size(); i++) {
      Exchange e = exchanges.get(i);
      if (e.source().equals("sample")) {
        out.put(
            String.format("%02d-sample-%s.json", i + 1, e.file().replace('.', '_')),
            sample(repo.resolve("examples").resolve(pipeline).resolve("sample"), e));
        continue;
      }
      Path dir = fixture(repo, e.source());
      JsonNode entry = indexEntry(dir, e.file());
      String recordedUrl =
          "https://"
              + entry.get("host").asText()
              + entry.get("path").asText()
              + (entry.path("query").asText("").isEmpty() ? "" : "?" + entry.get("query").asText());
      Map<String, Object> req = new LinkedHashMap<>();
      req.put("method", e.method() == null ? entry.get("method").asText() : e.method());
      req.put("url", e.url() == null ? recordedUrl : e.url());
      req.put("headers", Map.of());
      req.put("body", e.body());
      Map<String, Object> res = new LinkedHashMap<>();
      res.put("status", entry.get("status").asInt());
      Map<String, List<String>> headers = new LinkedHashMap<>();
      entry
          .path("headers")
          .fields()
          .forEachRemaining(h -> headers.put(h.getKey(), List.of(h.getValue().asText())));
      res.put("headers", headers);
      res.put("body", Files.readString(dir.resolve(e.file()), StandardCharsets.UTF_8));
      Map<String, Object> fixture = new LinkedHashMap<>();
      fixture.put("source", e.source());
      fixture.put("file", e.file());
      fixture.put("recorded_request", entry.get("method").asText() + " " + recordedUrl);
      fixture.put("attribution", "see ATTRIBUTION.md beside this file");
      if (e.note() != null) {
        fixture.put("note", e.note());
      }
      Map<String, Object> cassette = new LinkedHashMap<>();
      cassette.put("request", req);
      cassette.put("response", res);
      cassette.put("fixture", fixture);
      String name =
          String.format(
              "%02d-%s-%s", i + 1, e.source(), e.file().replaceAll("\\.[a-z]+$", ".json"));
      out.put(name, JSON.writeValueAsString(cassette) + "\n");
    }
    return out;
  }

  /**
   * The fixtures of a source: the recorded ones in shared/fixtures, or for sources without a
   * recording the doc-based ones the HTTP module's tests use.
   */
  static Path fixture(Path repo, String source) {
    Path recorded = fixtures(repo).resolve(source);
    return Files.isDirectory(recorded)
        ? recorded
        : repo.resolve("tributary-http/src/test/resources/fixtures").resolve(source);
  }

  /** A cassette serving a file of the example's own sample/ folder. */
  static String sample(Path dir, Exchange e) throws IOException {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("method", e.method());
    req.put("url", e.url());
    req.put("headers", Map.of());
    req.put("body", null);
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("status", 200);
    res.put(
        "headers",
        Map.of(
            "Content-Type",
            List.of(e.file().endsWith(".html") ? "text/html; charset=utf-8" : "text/plain")));
    res.put("body", Files.readString(dir.resolve(e.file()), StandardCharsets.UTF_8));
    Map<String, Object> fixture = new LinkedHashMap<>();
    fixture.put("source", "examples/memecoin-signals/sample/" + e.file());
    fixture.put("note", e.note());
    Map<String, Object> cassette = new LinkedHashMap<>();
    cassette.put("request", req);
    cassette.put("response", res);
    cassette.put("fixture", fixture);
    return JSON.writeValueAsString(cassette) + "\n";
  }

  static JsonNode indexEntry(Path dir, String file) throws IOException {
    for (JsonNode entry : JSON.readTree(dir.resolve("index.json").toFile())) {
      if (entry.get("file").asText().equals(file)) {
        return entry;
      }
    }
    throw new IllegalArgumentException(file + " is not in " + dir.resolve("index.json"));
  }

  /** Writes every reference pipeline's cassettes into examples/NAME/cassettes/. */
  public static void main(String[] args) throws IOException {
    Path repo = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
    for (String pipeline : PIPELINES.keySet()) {
      Path dir = repo.resolve("examples").resolve(pipeline).resolve("cassettes");
      Files.createDirectories(dir);
      List<Path> old = new ArrayList<>();
      try (var s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".json")).forEach(old::add);
      }
      for (Path p : old) {
        Files.delete(p);
      }
      for (Map.Entry<String, String> c : build(repo, pipeline).entrySet()) {
        Files.writeString(dir.resolve(c.getKey()), c.getValue(), StandardCharsets.UTF_8);
      }
      System.out.println("wrote " + dir);
    }
  }
}
