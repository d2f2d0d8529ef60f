package io.tributary.app;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's "done when", through the real CLI: a user writes a manifest for an API Tributary has
 * never seen (an invented tide-gauge service served by WireMock on loopback), lists, specs,
 * discovers, validates and runs it, re-runs it incrementally, backfills a window and records then
 * replays a run with the server gone.
 */
class UserManifestIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "tide-key-4711-do-not-leak";

  /** The user's manifest; line numbers matter to the broken-manifest check below. */
  static final String MANIFEST =
      """
      name: tidewatch
      description: Tidewatch tide-gauge readings (an API made up for this test)
      base_url: https://api.tidewatch.invalid/v1
      headers:
        Accept: application/json
      config:
        api_key: {required: true, secret: true, description: A Tidewatch key}
        stations: {type: string_list, required: true, description: Station ids}
      auth: {type: api_key, in: header, name: X-Tide-Key, value: "{{ config.api_key }}"}
      streams:
        - name: stations
          primary_key: code
          request:
            path: /stations
          records: {path: /stations}
        - name: readings
          primary_key: [station, seq]
          partitions: {station: "{{ config.stations }}"}
          request:
            path: "/stations/{{ partition.station }}/readings"
            query:
              since: "{{ cursor.from }}"
              until: "{{ cursor.to }}"
          records: {path: /readings}
          pagination: {type: cursor, token_pointer: /next_page, param: page_token}
          incremental:
            cursor_field: observed_at
            order: ascending
          transforms:
            - add_fields: {station: "{{ partition.station }}"}
      """;

  static final String PIPELINE =
      """
      name: tides
      source:
        connector: tidewatch
        config:
          base_url: http://127.0.0.1:%d/v1
          allow_private_addresses: [127.0.0.1]
          api_key: ${TIDE_KEY}
          stations: [north]
      """;

  static final String READINGS = "/v1/stations/north/readings";

  @TempDir Path dir;
  WireMockServer server;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    Files.createDirectories(dir.resolve("connectors"));
    Files.writeString(dir.resolve("connectors/tidewatch.yaml"), MANIFEST);
    Files.writeString(dir.resolve("tides.yaml"), PIPELINE.formatted(server.port()));
    env = Map.of("TIDE_KEY", KEY);
  }

  @AfterEach
  void tearDown() {
    if (server.isRunning()) {
      server.stop();
    }
  }

  private static String reading(int seq, String observedAt, int levelCm) {
    return "{\"seq\": %d, \"observed_at\": \"%s\", \"level_cm\": %d}"
        .formatted(seq, observedAt, levelCm);
  }

  private static String page(String next, String... readings) {
    return "{\"readings\": ["
        + String.join(", ", readings)
        + "], \"next_page\": "
        + (next == null ? "null" : "\"" + next + "\"")
        + "}";
  }

  /** The first two pages a first run reads, then what changed since. */
  private void serveFirstPages() {
    server.stubFor(
        get(urlPathEqualTo("/v1/stations"))
            .willReturn(
                okJson(
                    "{\"stations\": [{\"code\": \"north\", \"name\": \"North Pier\"},"
                        + " {\"code\": \"south\", \"name\": \"South Beach\"}]}")));
    server.stubFor(
        get(urlPathEqualTo(READINGS))
            .withQueryParam("since", absent())
            .withQueryParam("page_token", absent())
            .willReturn(
                okJson(
                    page(
                        "p2",
                        reading(1, "2025-01-01T00:00:00Z", 120),
                        reading(2, "2025-01-02T00:00:00Z", 131)))));
    server.stubFor(
        get(urlPathEqualTo(READINGS))
            .withQueryParam("since", absent())
            .withQueryParam("page_token", equalTo("p2"))
            .willReturn(
                okJson(
                    page(
                        null,
                        reading(3, "2025-01-03T00:00:00Z", 142),
                        reading(4, "2025-01-04T00:00:00Z", 118),
                        reading(5, "2025-01-05T00:00:00Z", 109)))));
  }

  private CliProcess.Result cli(String... args) throws Exception {
    return CliProcess.run(dir, env, args);
  }

  private JsonNode query(String dataDir, String sql) throws Exception {
    CliProcess.Result r = cli("query", "--data-dir", dataDir, "--json", sql);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return JSON.readTree(r.stdout());
  }

  private List<LoggedRequest> readingRequests() {
    return server.findAll(getRequestedFor(urlPathEqualTo(READINGS)));
  }

  @Test
  void connectorsCommandsAndValidateSeeTheUsersManifest() throws Exception {
    CliProcess.Result list = cli("connectors", "list", "--json");
    assertThat(list.exitCode()).as(list.stderr()).isZero();
    JsonNode tidewatch = null;
    for (JsonNode c : JSON.readTree(list.stdout())) {
      if (c.get("name").asText().equals("tidewatch")) {
        tidewatch = c;
      }
    }
    assertThat(tidewatch).as(list.stdout()).isNotNull();
    assertThat(tidewatch.get("description").asText()).startsWith("Tidewatch tide-gauge");
    assertThat(tidewatch.get("streams"))
        .extracting(JsonNode::asText)
        .containsExactly("stations", "readings");

    CliProcess.Result spec = cli("connectors", "spec", "tidewatch", "--json");
    assertThat(spec.exitCode()).as(spec.stderr()).isZero();
    JsonNode fields = JSON.readTree(spec.stdout()).get("fields");
    JsonNode apiKey = null;
    for (JsonNode f : fields) {
      if (f.get("name").asText().equals("api_key")) {
        apiKey = f;
      }
    }
    assertThat(apiKey).as(spec.stdout()).isNotNull();
    assertThat(apiKey.get("secret").asBoolean()).isTrue();
    assertThat(apiKey.get("required").asBoolean()).isTrue();
    assertThat(fields).extracting(f -> f.get("name").asText()).contains("stations", "base_url");

    CliProcess.Result discover = cli("connectors", "discover", "tides.yaml", "--json");
    assertThat(discover.exitCode()).as(discover.stderr()).isZero();
    JsonNode streams = JSON.readTree(discover.stdout());
    assertThat(streams)
        .extracting(s -> s.get("name").asText())
        .containsExactly("stations", "readings");
    assertThat(streams.get(1).get("primary_key"))
        .extracting(JsonNode::asText)
        .containsExactly("station", "seq");
    assertThat(streams.get(1).get("cursor_field").asText()).isEqualTo("observed_at");

    CliProcess.Result ok = cli("validate", "tides.yaml");
    assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    assertThat(ok.stdout()).contains("tides.yaml: ok");

    // the same project with one misspelt key in the manifest, on its line 20
    Files.writeString(
        dir.resolve("connectors/tidewatch.yaml"),
        MANIFEST.replace("      path: \"/stations/{{", "      paht: \"/stations/{{"));
    CliProcess.Result broken = cli("validate", "tides.yaml");
    assertThat(broken.exitCode()).isEqualTo(2);
    assertThat(broken.stderr())
        .contains("tidewatch.yaml:20:")
        .contains("paht")
        .contains("did you mean 'path'")
        .doesNotContain("\tat ");
    assertThat(server.getAllServeEvents()).as("nothing here needs the network").isEmpty();
  }

  @Test
  void runReRunBackfillAndRecordReplay() throws Exception {
    serveFirstPages();
    CliProcess.Result first = cli("run", "tides.yaml", "--json");
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    JsonNode run = JSON.readTree(first.stdout());
    assertThat(run.get("status").asText()).isEqualTo("succeeded");
    assertThat(run.get("records").get("written").asLong()).isEqualTo(2 + 5);
    assertThat(first.stdout() + first.stderr()).doesNotContain(KEY);
    assertThat(readingRequests())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.getHeader("X-Tide-Key")).isEqualTo(KEY));
    JsonNode rows =
        query("tributary-data", "SELECT station, seq, level_cm FROM tides.readings ORDER BY seq");
    assertThat(rows).hasSize(5);
    assertThat(rows.get(0).get("station").asText()).isEqualTo("north");
    assertThat(rows.get(4).get("level_cm").asInt()).isEqualTo(109);
    assertThat(
            query("tributary-data", "SELECT count(*) AS n FROM tides.stations")
                .get(0)
                .get("n")
                .asLong())
        .isEqualTo(2L);

    // incremental: the server answers "since" with the last reading again plus a new one
    server.resetRequests();
    server.stubFor(
        get(urlPathEqualTo(READINGS))
            .withQueryParam("since", equalTo("2025-01-05T00:00:00Z"))
            .willReturn(
                okJson(
                    page(
                        null,
                        reading(5, "2025-01-05T00:00:00Z", 109),
                        reading(6, "2025-01-06T00:00:00Z", 99)))));
    CliProcess.Result second = cli("run", "tides.yaml", "--json", "--stream", "readings");
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    JsonNode again = JSON.readTree(second.stdout());
    assertThat(again.get("records").get("read").asLong())
        .as("the reading already stored at the cursor is skipped, not re-emitted")
        .isEqualTo(1);
    assertThat(again.get("records").get("written").asLong()).isEqualTo(1);
    assertThat(readingRequests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.queryParameter("since").firstValue()).isEqualTo("2025-01-05T00:00:00Z");
              assertThat(r.queryParameter("until").isPresent()).isFalse();
            });
    assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/v1/stations"))))
        .as("--stream readings reads only that stream")
        .isEmpty();
    String stateBefore =
        query("tributary-data", "SELECT * FROM tributary.state ORDER BY ALL").toString();

    // backfill a window: the API corrected two readings; the stored cursor must not move
    server.resetRequests();
    server.stubFor(
        get(urlPathEqualTo(READINGS))
            .withQueryParam("since", equalTo("2025-01-02T00:00:00Z"))
            .withQueryParam("until", equalTo("2025-01-04T00:00:00Z"))
            .willReturn(
                okJson(
                    page(
                        null,
                        reading(2, "2025-01-02T00:00:00Z", 130),
                        reading(3, "2025-01-03T00:00:00Z", 141)))));
    CliProcess.Result backfill =
        cli(
            "run",
            "tides.yaml",
            "--json",
            "--stream",
            "readings",
            "--from",
            "2025-01-02",
            "--to",
            "2025-01-04");
    assertThat(backfill.exitCode()).as(backfill.stderr()).isZero();
    assertThat(JSON.readTree(backfill.stdout()).get("records").get("written").asLong())
        .isEqualTo(2);
    assertThat(readingRequests()).hasSize(1);
    assertThat(
            query(
                "tributary-data",
                "SELECT level_cm FROM tides.readings WHERE seq IN (2, 3)" + " ORDER BY seq"))
        .extracting(n -> n.get("level_cm").asInt())
        .containsExactly(130, 141);
    assertThat(query("tributary-data", "SELECT * FROM tributary.state ORDER BY ALL").toString())
        .as("a backfill does not move the stored state")
        .isEqualTo(stateBefore);

    // the next incremental run still starts from the newest reading, not from the window's end
    server.resetRequests();
    server.stubFor(
        get(urlPathEqualTo(READINGS))
            .withQueryParam("since", equalTo("2025-01-06T00:00:00Z"))
            .willReturn(okJson(page(null, reading(6, "2025-01-06T00:00:00Z", 99)))));
    CliProcess.Result third = cli("run", "tides.yaml", "--json", "--stream", "readings");
    assertThat(third.exitCode()).as(third.stderr()).isZero();
    assertThat(JSON.readTree(third.stdout()).get("records").get("written").asLong()).isZero();
    assertThat(readingRequests())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.queryParameter("since").firstValue())
                    .isEqualTo("2025-01-06T00:00:00Z"));

    // record a full run into a fresh data dir, stop the server, replay into another
    CliProcess.Result recorded =
        cli("run", "tides.yaml", "--json", "--data-dir", "live", "--record", "cassettes");
    assertThat(recorded.exitCode()).as(recorded.stderr()).isZero();
    server.stop();
    List<Path> cassettes;
    try (Stream<Path> s = Files.walk(dir.resolve("cassettes"))) {
      cassettes = s.filter(Files::isRegularFile).toList();
    }
    assertThat(cassettes).isNotEmpty();
    List<String> texts = new ArrayList<>();
    for (Path c : cassettes) {
      texts.add(Files.readString(c));
    }
    assertThat(String.join("\n", texts)).contains("North Pier").doesNotContain(KEY);

    CliProcess.Result replayed =
        cli("run", "tides.yaml", "--json", "--data-dir", "offline", "--replay", "cassettes");
    assertThat(replayed.exitCode()).as(replayed.stderr()).isZero();
    String sql =
        "SELECT 'r' AS t, station || '/' || seq AS k, level_cm AS v FROM tides.readings"
            + " UNION ALL SELECT 's', code, NULL FROM tides.stations ORDER BY t, k";
    JsonNode live = query("live", sql);
    assertThat(live).hasSize(5 + 2);
    assertThat(query("offline", sql)).isEqualTo(live);
  }

  /** The complete example of docs/connectors/manifest.md loads and validates, as the guide says. */
  @Test
  void theGuidesCompleteExampleValidates() throws Exception {
    String guide = Files.readString(Path.of("..", "docs", "connectors", "manifest.md"));
    List<String> blocks = new ArrayList<>();
    int at = 0;
    while ((at = guide.indexOf("```yaml\n", at)) >= 0) {
      int end = guide.indexOf("```", at + 8);
      blocks.add(guide.substring(at + 8, end));
      at = end + 3;
    }
    String manifest =
        blocks.stream()
            .filter(b -> b.startsWith("# connectors/acme.yaml"))
            .findFirst()
            .orElseThrow();
    String pipeline =
        blocks.stream().filter(b -> b.startsWith("source:")).findFirst().orElseThrow();
    Path project = dir.resolve("acme-project");
    Files.createDirectories(project.resolve("connectors"));
    Files.writeString(project.resolve("connectors/acme.yaml"), manifest);
    Files.writeString(project.resolve("orders.yaml"), "name: acme-orders\n" + pipeline);

    CliProcess.Result ok =
        CliProcess.run(project, Map.of("ACME_KEY", "k"), "validate", "orders.yaml");
    assertThat(ok.exitCode()).as(ok.stdout() + ok.stderr()).isZero();
    CliProcess.Result discover =
        CliProcess.run(
            project, Map.of("ACME_KEY", "k"), "connectors", "discover", "orders.yaml", "--json");
    assertThat(discover.exitCode()).as(discover.stderr()).isZero();
    JsonNode orders = JSON.readTree(discover.stdout()).get(0);
    assertThat(orders.get("name").asText()).isEqualTo("orders");
    assertThat(orders.get("cursor_field").asText()).isEqualTo("updated_at");
  }

  /** Manifests kept outside the project, named by the pipeline in {@code source.manifests}. */
  @Test
  void aPipelineNamesItsOwnManifestFolder() throws Exception {
    Path shared = Files.createDirectories(dir.resolve("shared-connectors"));
    Files.move(dir.resolve("connectors/tidewatch.yaml"), shared.resolve("tidewatch.yaml"));
    Path project = Files.createDirectories(dir.resolve("project"));
    String pipeline =
        PIPELINE
            .formatted(server.port())
            .replace(
                "  connector: tidewatch\n",
                "  connector: tidewatch\n  manifests: ../shared-connectors\n");
    Files.writeString(project.resolve("tides.yaml"), pipeline);
    Files.writeString(
        project.resolve("lost.yaml"), pipeline.replace("../shared-connectors", "../nowhere"));

    CliProcess.Result listed =
        CliProcess.run(project, env, "connectors", "list", "--json", "--pipeline", "tides.yaml");
    assertThat(listed.exitCode()).as(listed.stderr()).isZero();
    assertThat(JSON.readTree(listed.stdout()).findValuesAsText("name")).contains("tidewatch");
    CliProcess.Result plain = CliProcess.run(project, env, "connectors", "list", "--json");
    assertThat(JSON.readTree(plain.stdout()).findValuesAsText("name")).doesNotContain("tidewatch");

    CliProcess.Result ok = CliProcess.run(project, env, "validate", "tides.yaml");
    assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    CliProcess.Result lost = CliProcess.run(project, env, "validate", "lost.yaml");
    assertThat(lost.exitCode()).isEqualTo(2);
    assertThat(lost.stderr())
        .contains(dir.resolve("nowhere").toString())
        .contains("does not exist");

    serveFirstPages();
    CliProcess.Result run = CliProcess.run(project, env, "run", "tides.yaml", "--json");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(JSON.readTree(run.stdout()).get("records").get("written").asLong()).isEqualTo(7);
    CliProcess.Result check = CliProcess.run(project, env, "connectors", "check", "tides.yaml");
    assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
    assertThat(check.stdout()).startsWith("ok: fetched the first page of stream 'stations'");
    server.stubFor(
        get(urlPathEqualTo("/v1/stations"))
            .atPriority(1)
            .willReturn(okJson("{\"error\": \"bad key\"}").withStatus(401)));
    CliProcess.Result refused = CliProcess.run(project, env, "connectors", "check", "tides.yaml");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stdout()).startsWith("failed:").contains("401").doesNotContain(KEY);
    server.stubFor(
        get(urlPathEqualTo("/v1/stations"))
            .atPriority(1)
            .willReturn(
                okJson("{\"stations\": [{\"code\": \"north\", \"name\": \"North Pier\"}]}")));
    CliProcess.Result read =
        CliProcess.run(project, env, "connectors", "read", "tides.yaml", "stations");
    assertThat(read.exitCode()).as(read.stderr()).isZero();
    assertThat(read.stdout()).contains("North Pier");
  }
}
