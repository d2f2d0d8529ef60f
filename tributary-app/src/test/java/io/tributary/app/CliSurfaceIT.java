package io.tributary.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rest of the CLI surface issue 2 names, each through the real jar in a child process. */
class CliSurfaceIT {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private CliProcess.Result cli(String... args) throws Exception {
    return CliProcess.run(dir, Map.of(), args);
  }

  private static JsonNode ok(CliProcess.Result r) throws Exception {
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    return JSON.readTree(r.stdout());
  }

  /** A file pipeline over three notes, keyed by id, incremental on {@code at}. */
  private void notesProject() throws Exception {
    Files.writeString(
        dir.resolve("notes.jsonl"),
        """
        {"id": 1, "text": "first", "at": "2025-01-01T00:00:00Z", "score": 1.5}
        {"id": 2, "text": "second, with a comma", "at": "2025-01-02T00:00:00Z", "score": 2.5}
        {"id": 3, "text": "third \\"quoted\\"", "at": "2025-01-03T00:00:00Z", "score": 3.5}
        """);
    Files.writeString(
        dir.resolve("notes.yaml"),
        """
        name: notes
        source:
          connector: file
          config:
            path: notes.jsonl
            format: jsonl
            stream: notes
            primary_key: [id]
            cursor_field: at
        """);
  }

  @Test
  void initScaffoldsAProjectThatValidatesAndRunsAndNeverOverwrites() throws Exception {
    CliProcess.Result init = cli("init", "proj");
    assertThat(init.exitCode()).as(init.stderr()).isZero();
    assertThat(dir.resolve("proj/pipelines/example.yaml")).isRegularFile();
    assertThat(dir.resolve("proj/.env.example")).isRegularFile();
    assertThat(dir.resolve("proj/.gitignore")).content().contains("tributary-data/", ".env");
    assertThat(dir.resolve("proj/connectors")).isDirectory();

    CliProcess.Result valid = cli("validate", "proj/pipelines/example.yaml");
    assertThat(valid.exitCode()).as(valid.stderr()).isZero();

    JsonNode run =
        ok(cli("run", "proj/pipelines/example.yaml", "--json", "--data-dir", "proj/data-dir"));
    assertThat(run.get("status").asText()).isEqualTo("succeeded");
    JsonNode records = run.get("records");
    // five sample lines: ids 1 and 2 are fine, 2 again is a duplicate, 3 has empty text, 4 is
    // broken JSON
    assertThat(records.get("read").asLong()).isEqualTo(5);
    assertThat(records.get("written").asLong()).isEqualTo(2);
    assertThat(records.get("duplicates").asLong()).isEqualTo(1);
    assertThat(records.get("quarantined").asLong()).isEqualTo(2);

    Files.writeString(dir.resolve("proj/.gitignore"), "mine\n");
    CliProcess.Result again = cli("init", "proj");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.stderr()).contains("example.yaml").contains("already exists");
    assertThat(dir.resolve("proj/.gitignore")).hasContent("mine");
  }

  @Test
  void exportWritesCsvJsonAndParquetThatReadBack() throws Exception {
    notesProject();
    ok(cli("run", "notes.yaml", "--json"));

    CliProcess.Result csv = cli("export", "notes.notes", "--format", "csv", "--out", "n.csv");
    assertThat(csv.exitCode()).as(csv.stderr()).isZero();
    assertThat(csv.stdout()).contains("exported 3 rows");
    List<String> lines = Files.readAllLines(dir.resolve("n.csv"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("id", "text", "score");
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"second, with a comma\""));

    CliProcess.Result json = cli("export", "notes", "--format", "json", "--out", "n.json");
    assertThat(json.exitCode()).as(json.stderr()).isZero();
    JsonNode rows = JSON.readTree(dir.resolve("n.json").toFile());
    assertThat(rows).hasSize(3);
    List<String> texts = new ArrayList<>();
    rows.forEach(r -> texts.add(r.get("text").asText()));
    assertThat(texts)
        .containsExactlyInAnyOrder("first", "second, with a comma", "third \"quoted\"");

    CliProcess.Result parquet =
        cli("export", "notes.notes", "--format", "parquet", "--out", "n.parquet");
    assertThat(parquet.exitCode()).as(parquet.stderr()).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id, text, score FROM read_parquet('"
                    + dir.resolve("n.parquet")
                    + "') ORDER BY id")) {
      List<String> got = new ArrayList<>();
      while (rs.next()) {
        got.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getDouble(3));
      }
      assertThat(got)
          .containsExactly("1|first|1.5", "2|second, with a comma|2.5", "3|third \"quoted\"|3.5");
    }

    CliProcess.Result unknown = cli("export", "nope", "--format", "csv", "--out", "x.csv");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("notes.notes");
    assertThat(dir.resolve("x.csv")).doesNotExist();
  }

  @Test
  void connectorsCommandsForTheFileConnector() throws Exception {
    notesProject();
    JsonNode list = ok(cli("connectors", "list", "--json"));
    JsonNode file = null;
    for (JsonNode c : list) {
      if (c.get("name").asText().equals("file")) {
        file = c;
      }
    }
    assertThat(file).as(list.toString()).isNotNull();

    JsonNode spec = ok(cli("connectors", "spec", "file", "--json"));
    List<String> keys = new ArrayList<>();
    spec.get("fields").forEach(f -> keys.add(f.get("name").asText()));
    assertThat(keys)
        .contains("path", "format", "stream", "primary_key", "cursor_field", "records_path");

    JsonNode streams = ok(cli("connectors", "discover", "notes.yaml", "--json"));
    assertThat(streams).hasSize(1);
    assertThat(streams.get(0).get("name").asText()).isEqualTo("notes");
    assertThat(streams.get(0).get("primary_key").get(0).asText()).isEqualTo("id");
    assertThat(streams.get(0).get("cursor_field").asText()).isEqualTo("at");
    assertThat(streams.get(0).get("schema").get("properties").has("text")).isTrue();

    CliProcess.Result read = cli("connectors", "read", "notes.yaml", "notes", "--limit", "2");
    assertThat(read.exitCode()).as(read.stderr()).isZero();
    List<String> lines = read.stdout().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines.get(0)).get("text").asText()).isEqualTo("first");
    assertThat(dir.resolve("tributary-data")).as("read stores nothing").doesNotExist();

    CliProcess.Result check = cli("connectors", "check", "notes.yaml");
    assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
    assertThat(check.stdout()).startsWith("ok");
  }

  @Test
  void tributaryHomeChoosesTheDataDirAndDataDirWinsOverIt() throws Exception {
    notesProject();
    Path home = dir.resolve("home");
    Map<String, String> env = Map.of("TRIBUTARY_HOME", home.toString());
    CliProcess.Result run = CliProcess.run(dir, env, "run", "notes.yaml");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains(home.resolve("tributary.duckdb").toString());
    assertThat(home.resolve("tributary.duckdb")).isRegularFile();
    assertThat(dir.resolve("tributary-data")).doesNotExist();

    CliProcess.Result q =
        CliProcess.run(dir, env, "query", "--json", "SELECT count(*) AS n FROM notes.notes");
    assertThat(JSON.readTree(q.stdout()).get(0).get("n").asLong()).isEqualTo(3);

    CliProcess.Result other =
        CliProcess.run(dir, env, "run", "notes.yaml", "--data-dir", "elsewhere", "--json");
    assertThat(other.exitCode()).as(other.stderr()).isZero();
    assertThat(JSON.readTree(other.stdout()).get("records").get("written").asLong())
        .as("a fresh store: --data-dir beat TRIBUTARY_HOME")
        .isEqualTo(3);
    assertThat(dir.resolve("elsewhere/tributary.duckdb")).isRegularFile();
  }

  @Test
  void fullRefreshReadsEverythingAgainAndStreamSelectsAStream() throws Exception {
    notesProject();
    assertThat(ok(cli("run", "notes.yaml", "--json")).get("records").get("written").asLong())
        .isEqualTo(3);
    JsonNode unchanged = ok(cli("run", "notes.yaml", "--json"));
    assertThat(unchanged.get("records").get("read").asLong())
        .as("the stored state skips the file already read")
        .isZero();

    JsonNode full = ok(cli("run", "notes.yaml", "--json", "--full-refresh"));
    assertThat(full.get("records").get("read").asLong()).isEqualTo(3);
    assertThat(full.get("records").get("written").asLong()).isZero();
    assertThat(full.get("records").get("unchanged").asLong()).isEqualTo(3);

    Files.writeString(
        dir.resolve("notes.jsonl"),
        "{\"id\": 4, \"text\": \"fourth\", \"at\": \"2025-01-04T00:00:00Z\", \"score\": 4.5}\n",
        java.nio.file.StandardOpenOption.APPEND);
    JsonNode selected = ok(cli("run", "notes.yaml", "--json", "--stream", "notes"));
    assertThat(selected.get("streams")).hasSize(1);
    assertThat(selected.get("records").get("written").asLong()).isEqualTo(1);

    CliProcess.Result wrong = cli("run", "notes.yaml", "--stream", "nope");
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.stderr()).contains("nope").contains("notes");
  }

  @Test
  void oneFailingStreamMakesTheRunPartiallyFailedWithExitCode1() throws Exception {
    WireMockServer server =
        new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    try {
      server.stubFor(
          get(urlPathEqualTo("/colors"))
              .willReturn(okJson("{\"items\": [{\"id\": \"red\"}, {\"id\": \"blue\"}]}")));
      server.stubFor(
          get(urlPathEqualTo("/shapes"))
              .willReturn(aResponse().withStatus(400).withBody("{\"error\": \"no shapes\"}")));
      Files.createDirectories(dir.resolve("connectors"));
      Files.writeString(
          dir.resolve("connectors/palette.yaml"),
          """
          name: palette
          description: Colors and shapes
          base_url: https://palette.invalid
          streams:
            - {name: colors, primary_key: id, request: {path: /colors}, records: {path: /items}}
            - {name: shapes, primary_key: id, request: {path: /shapes}, records: {path: /items}}
          """);
      Files.writeString(
          dir.resolve("p.yaml"),
          """
          name: palette
          source:
            connector: palette
            config: {base_url: "http://127.0.0.1:%d", allow_private_addresses: [127.0.0.1]}
          """
              .formatted(server.port()));
      CliProcess.Result r = cli("run", "p.yaml", "--json");
      assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
      JsonNode run = JSON.readTree(r.stdout());
      assertThat(run.get("status").asText()).isEqualTo("partially_failed");
      Map<String, String> byStream = new java.util.TreeMap<>();
      run.get("streams")
          .forEach(s -> byStream.put(s.get("stream").asText(), s.get("status").asText()));
      assertThat(byStream).containsEntry("colors", "succeeded").containsEntry("shapes", "failed");

      CliProcess.Result q = cli("query", "--json", "SELECT id FROM palette.colors ORDER BY id");
      assertThat(JSON.readTree(q.stdout()).toString())
          .isEqualTo("[{\"id\":\"blue\"},{\"id\":\"red\"}]");

      CliProcess.Result human = cli("run", "p.yaml");
      assertThat(human.exitCode()).isEqualTo(1);
      assertThat(human.stdout()).contains("partially_failed").contains("shapes: ");
    } finally {
      server.stop();
    }
  }

  /**
   * The progress bar redraws its line with carriage returns on a terminal; a user who sends stderr
   * to a file (while stdin and stdout stay on the terminal) must get no control characters there.
   * {@code script} gives the child a real pseudo-terminal.
   */
  @Test
  void theProgressBarGoesToATerminalButNeverIntoARedirectedStderr() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pty");
    notesProject();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = CliProcess.JAR.toAbsolutePath().toString();
    String base = java + " --enable-native-access=ALL-UNNAMED -jar " + jar + " run notes.yaml";

    String redirected = pty(base + " --data-dir a 2>err.txt");
    assertThat(redirected).contains("succeeded");
    String err = Files.readString(dir.resolve("err.txt"));
    assertThat(err).doesNotContain("\r").doesNotContain("rec/s");

    String onTerminal = pty(base + " --data-dir b");
    assertThat(onTerminal).as("the bar is drawn when stderr is the terminal").contains("rec/s");
  }

  private String pty(String command) throws Exception {
    Path transcript = dir.resolve("pty.txt");
    Process p =
        new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null")
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(transcript.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(transcript);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
