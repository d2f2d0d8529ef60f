package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary serve} as a real child process, killed with SIGKILL in the middle of a scheduled
 * run and started again on the same data directory: schedules, overrides and pause state survive,
 * the dead run is marked failed instead of staying "running", the next tick runs, and the stored
 * rows, quarantine and state equal a clean {@code tributary run}'s.
 */
class ServeKillIT {
  static final int RECORDS = 60_000;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  final HttpClient http = HttpClient.newHttpClient();
  Process serve;

  @AfterEach
  void stop() throws InterruptedException {
    if (serve != null && serve.isAlive()) {
      serve.destroyForcibly();
      serve.waitFor(30, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  Process startServe(Path pipelines, Path data, int port, String log) throws IOException {
    return CliProcess.builder(
            work,
            Map.of(),
            "serve",
            "--pipelines",
            pipelines.toString(),
            "--data-dir",
            data.toString(),
            "--port",
            Integer.toString(port))
        .redirectOutput(work.resolve(log + ".out").toFile())
        .redirectError(work.resolve(log + ".err").toFile())
        .start();
  }

  HttpResponse<String> send(int port, String method, String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b =
        method.startsWith("POST ")
            ? b.POST(HttpRequest.BodyPublishers.ofString(method.substring(5)))
            : b.GET();
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode get(int port, String path, String token) throws Exception {
    HttpResponse<String> r = send(port, "GET", path, token);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  void awaitReady(int port, Process p, String log) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () -> {
              assertThat(p.isAlive())
                  .as("serve exited: " + Files.readString(work.resolve(log + ".err")))
                  .isTrue();
              return send(port, "GET", "/health/ready", null).statusCode() == 200;
            });
  }

  static JsonNode job(JsonNode jobs, String pipeline) {
    for (JsonNode j : jobs.get("jobs")) {
      if (j.get("pipeline").asText().equals(pipeline)) {
        return j;
      }
    }
    throw new AssertionError("no job " + pipeline + " in " + jobs);
  }

  @Test
  void sigkillMidRunKeepsSchedulesFailsTheDeadRunAndTheDataEqualsACleanRun() throws Exception {
    Path pipelines = Files.createDirectories(work.resolve("pipelines"));
    Files.createDirectories(pipelines.resolve("data"));
    CrashSafetyIT.writeInput(pipelines.resolve("data/part-1.jsonl"), 0, RECORDS / 2);
    CrashSafetyIT.writeInput(pipelines.resolve("data/part-2.jsonl"), RECORDS / 2, RECORDS);
    Path crash = pipelines.resolve("crash.yaml");
    Files.writeString(
        crash,
        """
        name: crash
        source:
          connector: file
          config:
            path: data/*.jsonl
            format: jsonl
            stream: events
            primary_key: [id]
            checkpoint_every: 700
        process:
          - type: validate
            rules:
              - {field: score, rule: range, min: 0}
          - type: dedup
        store:
          batch_size: 1000
          flush_ms: 50
        schedule:
          every: 5s
        """);
    Files.writeString(
        pipelines.resolve("side.yaml"),
        """
        name: side
        source:
          connector: file
          config:
            path: data/none-*.jsonl
            format: jsonl
            stream: side
        schedule:
          every: 1h
        """);

    // the reference: the same pipeline run once, cleanly, by `tributary run`
    CliProcess.Result cleanRun =
        CliProcess.run(
            work,
            Map.of(),
            "run",
            crash.toString(),
            "--data-dir",
            work.resolve("clean").toString());
    assertThat(cleanRun.exitCode()).as(cleanRun.stderr()).isZero();
    CrashSafetyIT.Snapshot clean = CrashSafetyIT.Snapshot.of(work.resolve("clean"));
    assertThat(clean.rows()).hasSizeGreaterThan(RECORDS * 9 / 10);

    Path data = work.resolve("served");
    int port = freePort();
    serve = startServe(pipelines, data, port, "first");
    awaitReady(port, serve, "first");
    String token = Files.readString(data.resolve("admin.token")).trim();

    // state that must survive: a paused job with a schedule set through the API
    assertThat(
            send(port, "POST {\"every\": \"2h\"}", "/api/jobs/side/schedule", token).statusCode())
        .isEqualTo(200);
    assertThat(send(port, "POST ", "/api/jobs/side/pause", token).statusCode()).isEqualTo(200);

    // wait for the scheduled run to have committed some batches, then SIGKILL the server
    String[] victim = new String[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              for (JsonNode a : get(port, "/api/jobs", token).get("active")) {
                if (a.get("pipeline").asText().equals("crash")
                    && a.get("status").asText().equals("running")
                    && a.get("counts").get("written").asLong() > 0) {
                  victim[0] = a.get("id").asText();
                  return true;
                }
              }
              return false;
            });
    serve.destroyForcibly(); // SIGKILL: no shutdown hook, no last batch, no final run record
    assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(serve.exitValue()).isEqualTo(137);

    Instant restarted = Instant.now();
    serve = startServe(pipelines, data, port, "second");
    awaitReady(port, serve, "second");

    JsonNode jobs = get(port, "/api/jobs", token);
    JsonNode side = job(jobs, "side");
    assertThat(side.get("paused").asBoolean()).as(side.toString()).isTrue();
    assertThat(side.get("schedule").asText()).isEqualTo("every 2h");
    assertThat(side.get("overridden").asBoolean()).isTrue();
    assertThat(job(jobs, "crash").get("schedule").asText()).isEqualTo("every 5s");

    // the run the kill interrupted is failed, not "running" for ever
    JsonNode dead = get(port, "/api/runs/" + victim[0], token);
    assertThat(dead.get("status").asText()).as(dead.toString()).isEqualTo("failed");
    assertThat(dead.get("live").asBoolean()).isFalse();
    assertThat(dead.get("error").asText()).contains("stopped before it finished");

    // and the next tick runs the pipeline to the end
    JsonNode[] next = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (JsonNode r :
                  get(port, "/api/runs?pipeline=crash&status=succeeded", token).get("runs")) {
                if (Instant.parse(r.get("started_at").asText()).isAfter(restarted)) {
                  next[0] = r;
                  return true;
                }
              }
              return false;
            });
    assertThat(next[0].get("trigger").asText()).isEqualTo("schedule");

    serve.destroy(); // SIGTERM: a graceful stop, so the store can be read
    assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(CrashSafetyIT.Snapshot.of(data))
        .as("rows, quarantine and state after a SIGKILL and a restart")
        .isEqualTo(clean);
    assertThat(
            CrashSafetyIT.queryLong(
                data, "SELECT count(*) FROM tributary.runs WHERE status IN ('running', 'queued')"))
        .isZero();
  }
}
