package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.app.cli.ServeCommand;
import io.tributary.app.cli.TributaryCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tributary serve} end to end, in-process: the real DuckDB store, the real file connector,
 * the real scheduler and HTTP server on a free port; a run triggered through the API with the admin
 * token.
 */
class ServerIT {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  ServeCommand.Running serve(Path pipelines, Path data) {
    CommandLine cli = TributaryCommand.commandLine(Map.of());
    CommandLine.ParseResult parsed =
        cli.parseArgs(
            "serve",
            "--pipelines",
            pipelines.toString(),
            "--port",
            "0",
            "--data-dir",
            data.toString());
    ServeCommand cmd = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    return cmd.start();
  }

  HttpResponse<String> send(int port, String method, String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void runTriggeredThroughTheApiSucceedsShowsInMetricsAndSurvivesARestart() throws Exception {
    Path pipelines = Files.createDirectories(dir.resolve("pipelines"));
    Files.createDirectories(pipelines.resolve("data"));
    Files.writeString(
        pipelines.resolve("data/items.jsonl"),
        "{\"id\": 1, \"name\": \"one\"}\n{\"id\": 2, \"name\": \"two\"}\n{\"id\": 3, \"name\": \"three\"}\n");
    Files.writeString(
        pipelines.resolve("items.yaml"),
        """
        name: items
        source:
          connector: file
          config:
            path: data/*.jsonl
            format: jsonl
            stream: items
            primary_key: [id]
        schedule:
          every: 1d
        """);
    Path data = dir.resolve("data");

    String runId;
    try (ServeCommand.Running server = serve(pipelines, data)) {
      int port = server.port();
      Path tokenFile = data.resolve("admin.token");
      assertThat(server.token().file()).isEqualTo(tokenFile);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
          .isEqualTo("rw-------");
      String token = Files.readString(tokenFile).trim();

      HttpResponse<String> anonymous = send(port, "POST", "/api/pipelines/items/runs", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(anonymous.body()).get("error").get("code").asText())
          .isEqualTo("unauthorized");
      assertThat(send(port, "GET", "/api/jobs", null).statusCode()).isEqualTo(401);
      assertThat(send(port, "GET", "/health/ready", null).statusCode()).isEqualTo(200);

      HttpResponse<String> trigger = send(port, "POST", "/api/pipelines/items/runs", token);
      assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(202);
      String queuedId = JSON.readTree(trigger.body()).get("queued_id").asText();
      JsonNode[] run = new JsonNode[1];
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                run[0] = JSON.readTree(send(port, "GET", "/api/runs/" + queuedId, token).body());
                return !run[0].get("live").asBoolean();
              });
      assertThat(run[0].get("status").asText()).as(run[0].toString()).isEqualTo("succeeded");
      assertThat(run[0].get("counts").get("written").asLong()).isEqualTo(3);
      runId = run[0].get("id").asText();

      String metrics = send(port, "GET", "/metrics", token).body();
      assertThat(metrics)
          .contains("pipeline_jobs_total{pipeline=\"items\",status=\"succeeded\"} 1.0")
          .contains(
              "pipeline_records_processed_total{outcome=\"written\",pipeline=\"items\",stream=\"items\"} 3.0")
          .contains("source_last_success_timestamp_seconds{source=\"file\"}")
          .doesNotContain(runId);
      assertThat(send(port, "GET", "/metrics", null).statusCode()).isEqualTo(401);

      JsonNode logs =
          JSON.readTree(send(port, "GET", "/api/runs/" + runId + "/logs", token).body());
      assertThat(logs.get("lines").toString()).contains("run succeeded");
      send(port, "POST", "/api/jobs/items/pause", token);
    }

    // a restart keeps history, pause state and the token
    try (ServeCommand.Running again = serve(pipelines, data)) {
      int port = again.port();
      String token = Files.readString(data.resolve("admin.token")).trim();
      assertThat(again.token().created()).isFalse();
      JsonNode runs = JSON.readTree(send(port, "GET", "/api/runs?pipeline=items", token).body());
      assertThat(runs.get("runs")).hasSize(1);
      assertThat(runs.get("runs").get(0).get("id").asText()).isEqualTo(runId);
      JsonNode jobs = JSON.readTree(send(port, "GET", "/api/jobs", token).body());
      assertThat(jobs.get("jobs").get(0).get("paused").asBoolean()).isTrue();
      assertThat(jobs.get("jobs").get(0).get("last_status").asText()).isEqualTo("succeeded");
    }
  }

  @Test
  void usageErrorsExitWith2BeforeAnythingStarts() throws Exception {
    Path pipelines = Files.createDirectories(dir.resolve("pipelines"));
    String data = dir.resolve("data").toString();
    assertThat(
            Main.execute(
                "serve", "--pipelines", dir.resolve("nope").toString(), "--data-dir", data))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            Main.execute(
                "serve",
                "--pipelines",
                pipelines.toString(),
                "--data-dir",
                data,
                "--log-format",
                "xml"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            Main.execute(
                "serve",
                "--pipelines",
                pipelines.toString(),
                "--data-dir",
                data,
                "--port",
                "70000"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(dir.resolve("data/tributary.duckdb")).doesNotExist();
  }

  @Test
  void aPipelineNamingItsOwnManifestFolderIsLoadedAndRunByTheServer() throws Exception {
    var api =
        new com.github.tomakehurst.wiremock.WireMockServer(
            com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1"));
    api.start();
    try {
      api.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.get("/birds")
              .willReturn(
                  com.github.tomakehurst.wiremock.client.WireMock.okJson(
                      "[{\"id\": \"wren\"}, {\"id\": \"robin\"}]")));
      Path shared = Files.createDirectories(dir.resolve("shared"));
      Files.writeString(
          shared.resolve("birds.yaml"),
          """
          name: birds
          description: Birds seen
          base_url: https://birds.invalid
          streams:
            - {name: sightings, primary_key: id, request: {path: /birds}, records: {path: $}}
          """);
      Path pipelines = Files.createDirectories(dir.resolve("pipelines"));
      Files.writeString(
          pipelines.resolve("birds.yaml"),
          """
          name: birds
          source:
            connector: birds
            manifests: ../shared
            config: {base_url: "http://127.0.0.1:%d", allow_private_addresses: [127.0.0.1]}
          """
              .formatted(api.port()));
      Path data = dir.resolve("data");
      try (ServeCommand.Running server = serve(pipelines, data)) {
        int port = server.port();
        String token = Files.readString(data.resolve("admin.token")).trim();
        HttpResponse<String> trigger = send(port, "POST", "/api/pipelines/birds/runs", token);
        assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(202);
        String queuedId = JSON.readTree(trigger.body()).get("queued_id").asText();
        JsonNode[] run = new JsonNode[1];
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  run[0] = JSON.readTree(send(port, "GET", "/api/runs/" + queuedId, token).body());
                  return !run[0].get("live").asBoolean();
                });
        assertThat(run[0].get("status").asText()).as(run[0].toString()).isEqualTo("succeeded");
        assertThat(run[0].get("counts").get("written").asLong()).isEqualTo(2);
      }
    } finally {
      api.stop();
    }
  }
}
