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
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Scheduler events become alerts, and a human lists and acknowledges them: a real {@code serve}
 * in-process (store, scheduler with its 2 s reload, alert engine, API), and {@code tributary alerts
 * list|ack} as the real jar in a child process talking to it.
 */
class AlertsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String VALID =
      """
      name: items
      source:
        connector: file
        config:
          path: data/*.jsonl
          format: jsonl
          stream: items
          primary_key: [id]
      """;

  final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  ServeCommand.Running serve(Path pipelines, Path data) {
    CommandLine.ParseResult parsed =
        TributaryCommand.commandLine(Map.of())
            .parseArgs(
                "serve",
                "--pipelines",
                pipelines.toString(),
                "--port",
                "0",
                "--data-dir",
                data.toString());
    return ((ServeCommand) parsed.subcommand().commandSpec().userObject()).start();
  }

  JsonNode get(int port, String path, String token) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static JsonNode bySource(JsonNode alerts, String source) {
    for (JsonNode a : alerts) {
      if (source.equals(a.path("source").asText())) {
        return a;
      }
    }
    return null;
  }

  @Test
  void invalidPipelineFilesRaiseAlertsThatAreAckedFromTheCliAndResolveWhenFixed() throws Exception {
    Path pipelines = Files.createDirectories(dir.resolve("pipelines"));
    Files.createDirectories(pipelines.resolve("data"));
    Files.writeString(pipelines.resolve("data/items.jsonl"), "{\"id\": 1}\n");
    Files.writeString(pipelines.resolve("items.yaml"), VALID);
    Files.writeString(
        pipelines.resolve("alerts.yaml"),
        """
        rules:
          - type: event
            name: invalid-pipeline-file
            event: pipeline_invalid
            resolve_on: pipeline_loaded
            resolve_after: never
            severity: error
        """);
    Path data = dir.resolve("data");

    try (ServeCommand.Running server = serve(pipelines, data)) {
      int port = server.port();
      String token = Files.readString(data.resolve("admin.token")).trim();
      String url = "http://127.0.0.1:" + port;
      assertThat(get(port, "/api/alerts", token).get("alerts")).isEmpty();

      // a valid file turns invalid (its old version stays scheduled), and a new file never loads
      Files.writeString(
          pipelines.resolve("items.yaml"), VALID.replace("connector: file", "connector: nope"));
      Files.writeString(pipelines.resolve("fresh.yaml"), "name: fresh\nsource: [nope\n");
      JsonNode[] firing = new JsonNode[1];
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                firing[0] = get(port, "/api/alerts?state=firing", token).get("alerts");
                return firing[0].size() == 2;
              });
      JsonNode items = bySource(firing[0], "items.yaml");
      JsonNode fresh = bySource(firing[0], "fresh.yaml");
      assertThat(items).as(firing[0].toString()).isNotNull();
      assertThat(fresh).as(firing[0].toString()).isNotNull();
      assertThat(items.get("pipeline").asText()).isEqualTo("items");
      assertThat(items.get("rule").asText()).isEqualTo("invalid-pipeline-file");
      assertThat(items.get("severity").asText()).isEqualTo("error");
      assertThat(fresh.get("pipeline").isNull()).isTrue();
      assertThat(items.get("history").toString()).contains("fired");
      // the problem texts (which may quote configuration) stay out of the alert
      assertThat(items.toString()).doesNotContain("unknown connector");

      Map<String, String> env = Map.of();
      CliProcess.Result list =
          CliProcess.run(
              dir, env, "alerts", "list", "--server", url, "--data-dir", data.toString());
      assertThat(list.exitCode()).as(list.stderr()).isZero();
      assertThat(list.stdout())
          .contains(items.get("id").asText(), fresh.get("id").asText())
          .contains("firing")
          .contains("invalid-pipeline-file");

      String id = items.get("id").asText();
      CliProcess.Result ack =
          CliProcess.run(
              dir,
              env,
              "alerts",
              "ack",
              id,
              "--by",
              "alice",
              "--server",
              url,
              "--data-dir",
              data.toString());
      assertThat(ack.exitCode()).as(ack.stderr()).isZero();
      assertThat(ack.stdout()).contains("alert " + id + " acknowledged by alice");
      JsonNode acked = get(port, "/api/alerts?state=acknowledged", token).get("alerts");
      assertThat(acked).hasSize(1);
      assertThat(acked.get(0).get("id").asText()).isEqualTo(id);
      assertThat(acked.get(0).get("acknowledged_by").asText()).isEqualTo("alice");

      CliProcess.Result json =
          CliProcess.run(
              dir,
              Map.of("TRIBUTARY_TOKEN", token, "TRIBUTARY_SERVER", url),
              "alerts",
              "list",
              "--state",
              "firing",
              "--json");
      assertThat(json.exitCode()).as(json.stderr()).isZero();
      JsonNode listed = JSON.readTree(json.stdout());
      assertThat(listed).hasSize(1);
      assertThat(listed.get(0).get("id").asText()).isEqualTo(fresh.get("id").asText());

      CliProcess.Result unknown =
          CliProcess.run(
              dir,
              env,
              "alerts",
              "ack",
              "ffffffffffffffff",
              "--server",
              url,
              "--data-dir",
              data.toString());
      assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(unknown.stderr()).contains("not_found").contains("ffffffffffffffff");

      // fixing the files resolves both incidents
      Files.writeString(pipelines.resolve("items.yaml"), VALID);
      Files.writeString(
          pipelines.resolve("fresh.yaml"), VALID.replace("name: items", "name: fresh"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> get(port, "/api/alerts?state=resolved", token).get("alerts").size() == 2);
      assertThat(get(port, "/api/alerts?state=firing", token).get("alerts")).isEmpty();
      assertThat(get(port, "/api/alerts?state=acknowledged", token).get("alerts")).isEmpty();
    }

    // no server: the CLI says where it looked
    CliProcess.Result down =
        CliProcess.run(
            dir,
            Map.of(),
            "alerts",
            "list",
            "--server",
            "http://127.0.0.1:1",
            "--data-dir",
            data.toString());
    assertThat(down.exitCode()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(down.stderr()).contains("cannot reach the server at http://127.0.0.1:1");
  }
}
