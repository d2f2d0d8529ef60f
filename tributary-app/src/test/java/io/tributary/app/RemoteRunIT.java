package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While {@code tributary serve} holds the store, a local {@code run} is refused with a message
 * naming {@code --server}, and {@code run --server} runs the pipeline in the server and prints its
 * result like a local run.
 */
class RemoteRunIT {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  Process serve;

  @AfterEach
  void stop() throws InterruptedException {
    if (serve != null && serve.isAlive()) {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void runWithServerRunsInTheServerThatHoldsTheStore() throws Exception {
    Path pipelines = Files.createDirectories(work.resolve("pipelines"));
    Files.createDirectories(pipelines.resolve("data"));
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      lines.append(String.format("{\"id\": %d, \"score\": %d}%n", i, i % 7 == 0 ? -1 : i));
    }
    Files.writeString(pipelines.resolve("data/items.jsonl"), lines);
    Path file = pipelines.resolve("items.yaml");
    Files.writeString(
        file,
        """
        name: items
        source:
          connector: file
          config: {path: data/*.jsonl, stream: items, primary_key: [id]}
        process:
          - type: validate
            rules: [{field: score, rule: range, min: 0}]
        """);
    Path data = work.resolve("data");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    serve =
        CliProcess.builder(
                work,
                Map.of(),
                "serve",
                "--pipelines",
                pipelines.toString(),
                "--data-dir",
                data.toString(),
                "--port",
                Integer.toString(port))
            .redirectOutput(work.resolve("serve.out").toFile())
            .redirectError(work.resolve("serve.err").toFile())
            .start();
    HttpClient http = HttpClient.newHttpClient();
    int p = port;
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + p + "/health/ready"))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .statusCode()
                    == 200);

    CliProcess.Result local =
        CliProcess.run(work, Map.of(), "run", file.toString(), "--data-dir", data.toString());
    assertThat(local.exitCode()).isEqualTo(3);
    assertThat(local.stderr()).contains("is in use by").contains("--server URL");

    String server = "http://127.0.0.1:" + port;
    CliProcess.Result remote =
        CliProcess.run(
            work,
            Map.of(),
            "run",
            file.toString(),
            "--server",
            server,
            "--data-dir",
            data.toString(),
            "--json");

    assertThat(remote.exitCode()).as(remote.stderr() + remote.stdout()).isZero();
    JsonNode result = JSON.readTree(remote.stdout());
    assertThat(result.get("pipeline").asText()).isEqualTo("items");
    assertThat(result.get("status").asText()).isEqualTo("succeeded");
    long negatives = 250 / 7 + 1; // i = 0, 7, 14, ... 245
    assertThat(result.get("records").get("read").asLong()).isEqualTo(250);
    assertThat(result.get("records").get("quarantined").asLong()).isEqualTo(negatives);
    assertThat(result.get("records").get("written").asLong()).isEqualTo(250 - negatives);
    assertThat(result.get("streams").get(0).get("stream").asText()).isEqualTo("items");
    assertThat(remote.stdout() + remote.stderr())
        .doesNotContain(Files.readString(data.resolve("admin.token")).trim());

    // a wrong token is the server's refusal, named, with exit code 2
    Path bad = Files.writeString(work.resolve("bad.token"), "not-the-token\n");
    CliProcess.Result refused =
        CliProcess.run(
            work,
            Map.of(),
            "run",
            file.toString(),
            "--server",
            server,
            "--token-file",
            bad.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.stderr()).contains("the server refused").doesNotContain("not-the-token");
  }
}
