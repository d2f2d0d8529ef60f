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
      Path dir = fixtures(repo).resolve(e.source());
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
