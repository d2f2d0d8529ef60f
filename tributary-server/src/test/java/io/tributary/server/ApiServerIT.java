package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerIT {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The endpoints issue 7 asks for, written out independently of the server's route table. */
  static final List<String> ENDPOINTS =
      List.of(
          "GET /api/pipelines",
          "GET /api/jobs",
          "POST /api/jobs/{pipeline}/schedule",
          "POST /api/jobs/{pipeline}/pause",
          "POST /api/jobs/{pipeline}/resume",
          "POST /api/pipelines/{name}/runs",
          "GET /api/runs",
          "GET /api/runs/{id}",
          "POST /api/runs/{id}/cancel",
          "GET /api/runs/{id}/logs",
          "GET /api/sources",
          "GET /api/alerts",
          "POST /api/alerts/{id}/ack",
          "GET /openapi.json",
          "GET /health/live",
          "GET /health/ready",
          "GET /metrics");

  @TempDir Path dir;
  ServerFixture f;

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  ServerFixture start(Map<String, String> pipelines) {
    f = new ServerFixture(dir, pipelines, ServerFixture.config(dir));
    return f;
  }

  ServerFixture startDefault() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("a", ServerFixture.pipeline("a", "alpha", "schedule:\n  every: 1h\n"));
    p.put("b", ServerFixture.pipeline("b", "alpha", null));
    p.put("slow", ServerFixture.pipeline("slow", "gate", null));
    return start(p);
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  static void assertError(HttpResponse<String> r, int status, String code, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode e = json(r).get("error");
    assertThat(e).as(r.body()).isNotNull();
    assertThat(e.get("code").asText()).isEqualTo(code);
    assertThat(e.get("message").asText()).isNotBlank();
    assertThat(e.has("field")).isTrue();
    if (field == null) {
      assertThat(e.get("field").isNull()).as(r.body()).isTrue();
    } else {
      assertThat(e.get("field").asText()).isEqualTo(field);
    }
  }

  static String concrete(String path) {
    return path.replace("{pipeline}", "a").replace("{name}", "a").replace("{id}", "0000000000");
  }

  JsonNode runToEnd(String path) {
    HttpResponse<String> r = f.post(path, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = json(r).get("queued_id").asText();
    assertThat(r.headers().firstValue("Location")).isPresent();
    JsonNode[] done = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonNode run = json(f.get("/api/runs/" + id));
              done[0] = run;
              return !run.get("live").asBoolean();
            });
    return done[0];
  }

  @Test
  void everyEndpointButHealthNeedsTheToken() {
    startDefault();
    for (String e : ENDPOINTS) {
      String[] mp = e.split(" ");
      String path = concrete(mp[1]);
      HttpRequest.Builder b = HttpRequest.newBuilder(f.uri(path));
      b = mp[0].equals("GET") ? b.GET() : b.POST(HttpRequest.BodyPublishers.noBody());
      HttpResponse<String> anonymous = f.send(b);
      HttpResponse<String> wrong =
          f.send(
              (mp[0].equals("GET")
                      ? HttpRequest.newBuilder(f.uri(path)).GET()
                      : HttpRequest.newBuilder(f.uri(path))
                          .POST(HttpRequest.BodyPublishers.noBody()))
                  .header("Authorization", "Bearer not-the-token-at-all"));
      if (path.startsWith("/health/")) {
        assertThat(anonymous.statusCode()).as(e).isIn(200, 503);
        continue;
      }
      assertError(anonymous, 401, "unauthorized", null);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
      assertError(wrong, 401, "unauthorized", null);
      assertThat(wrong.body()).doesNotContain(ServerFixture.TOKEN);
    }
  }

  @Test
  void openApiDocumentIsValid31AndDescribesEveryEndpoint() throws Exception {
    startDefault();
    HttpResponse<String> r = f.get("/openapi.json");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = json(r);
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");

    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body(), null, null);
    assertThat(parsed.getMessages()).as("parser messages").isEmpty();
    assertThat(parsed.getOpenAPI()).isNotNull();
    assertThat(parsed.getOpenAPI().getPaths()).hasSize(ENDPOINTS.size());

    Set<String> operationIds = new HashSet<>();
    for (String e : ENDPOINTS) {
      String[] mp = e.split(" ");
      JsonNode op = doc.get("paths").get(mp[1]);
      assertThat(op).as("path " + mp[1]).isNotNull();
      JsonNode operation = op.get(mp[0].toLowerCase(java.util.Locale.ROOT));
      assertThat(operation).as(e).isNotNull();
      assertThat(operationIds.add(operation.get("operationId").asText())).as(e).isTrue();
      assertThat(operation.get("responses")).as(e).isNotEmpty();
    }
    // every reference points at a declared schema
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      String name = ref.substring("#/components/schemas/".length());
      assertThat(doc.get("components").get("schemas").has(name)).as(ref).isTrue();
    }
    // and the server serves exactly the documented routes
    assertThat(f.api.routes()).containsExactlyInAnyOrderElementsOf(ENDPOINTS);
  }

  private static void collectRefs(JsonNode n, List<String> out) {
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().equals("$ref")) {
          out.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), out);
        }
      }
    } else if (n.isArray()) {
      n.forEach(c -> collectRefs(c, out));
    }
  }

  @Test
  void pipelinesListsValidOnesAndInvalidFilesWithTheirProblems() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("a", ServerFixture.pipeline("a", "alpha", "after: [b]\n"));
    p.put("broken", "name: broken\nsource:\n  connector: nope\n");
    start(p);
    JsonNode body = json(f.get("/api/pipelines"));
    assertThat(body.get("pipelines")).hasSize(1);
    JsonNode a = body.get("pipelines").get(0);
    assertThat(a.get("name").asText()).isEqualTo("a");
    assertThat(a.get("source").asText()).isEqualTo("alpha");
    assertThat(a.get("after").get(0).asText()).isEqualTo("b");
    assertThat(body.toString()).doesNotContain("canary-secret-value");
    JsonNode bad = body.get("invalid").get(0);
    assertThat(bad.get("file").asText()).endsWith("broken.yaml");
    assertThat(bad.get("problems").get(0).asText()).contains("nope").contains("broken.yaml:");
  }

  @Test
  void jobsShowTheNextFireTimeAndCanBePausedResumedAndRescheduled() {
    startDefault();
    JsonNode jobs = json(f.get("/api/jobs"));
    JsonNode a = find(jobs.get("jobs"), "pipeline", "a");
    Instant next = Instant.parse(a.get("next_fire_at").asText());
    assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(1)));
    assertThat(next.getEpochSecond() % 3600).isZero();
    assertThat(a.get("schedule").asText()).isEqualTo("every 1h");
    assertThat(find(jobs.get("jobs"), "pipeline", "b").get("kind").asText()).isEqualTo("manual");

    JsonNode paused = json(f.post("/api/jobs/a/pause", null));
    assertThat(paused.get("paused").asBoolean()).isTrue();
    assertThat(paused.get("next_fire_at").isNull()).isTrue();
    JsonNode resumed = json(f.post("/api/jobs/a/resume", null));
    assertThat(resumed.get("paused").asBoolean()).isFalse();
    assertThat(resumed.get("next_fire_at").isNull()).isFalse();

    HttpResponse<String> set =
        f.post(
            "/api/jobs/a/schedule",
            "{\"cron\": \"0 6 * * *\", \"timezone\": \"Europe/Berlin\", \"priority\": \"high\"}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    JsonNode job = json(set);
    assertThat(job.get("schedule").asText()).isEqualTo("cron \"0 6 * * *\" in Europe/Berlin");
    assertThat(job.get("priority").asText()).isEqualTo("high");
    assertThat(job.get("overridden").asBoolean()).isTrue();
    assertThat(
            Instant.parse(job.get("next_fire_at").asText())
                .atZone(java.time.ZoneId.of("Europe/Berlin"))
                .getHour())
        .isEqualTo(6);

    assertError(
        f.post("/api/jobs/a/schedule", "{\"cron\": \"0 6 * *\"}"), 400, "invalid_request", "cron");
    assertError(
        f.post("/api/jobs/a/schedule", "{\"every\": \"6h\", \"colour\": 1}"),
        400,
        "invalid_request",
        "colour");
    assertError(
        f.post("/api/jobs/a/schedule", "{\"every\": \"6h\", \"cron\": \"* * * * *\"}"),
        400,
        "invalid_request",
        "cron");
    assertError(f.post("/api/jobs/a/schedule", "not json"), 400, "invalid_json", null);
    assertError(f.post("/api/jobs/nope/pause", null), 404, "not_found", null);

    JsonNode reset = json(f.post("/api/jobs/a/schedule", "{\"reset\": true}"));
    assertThat(reset.get("schedule").asText()).isEqualTo("every 1h");
    assertThat(reset.get("overridden").asBoolean()).isFalse();
  }

  @Test
  void triggeredRunCanBeFollowedInHistoryDetailLogsAndPages() {
    startDefault();
    JsonNode run = runToEnd("/api/pipelines/b/runs");
    assertThat(run.get("status").asText()).isEqualTo("succeeded");
    assertThat(run.get("trigger").asText()).isEqualTo("api");
    assertThat(run.get("counts").get("written").asLong()).isEqualTo(5);
    assertThat(run.get("counts").get("quarantined").asLong()).isEqualTo(1);
    assertThat(run.get("streams").get(0).get("stream").asText()).isEqualTo("items");
    String id = run.get("id").asText();
    runToEnd("/api/pipelines/b/runs");
    runToEnd("/api/pipelines/a/runs");

    JsonNode byId = json(f.get("/api/runs/" + id));
    assertThat(byId.get("id").asText()).isEqualTo(id);
    assertThat(json(f.get("/api/runs/" + id.substring(0, 13))).get("id").asText()).isEqualTo(id);
    assertError(f.get("/api/runs/ffffffff-0000"), 404, "not_found", null);

    JsonNode page1 = json(f.get("/api/runs?pipeline=b&limit=1"));
    assertThat(page1.get("runs")).hasSize(1);
    String cursor = page1.get("next_cursor").asText();
    JsonNode page2 = json(f.get("/api/runs?pipeline=b&limit=1&cursor=" + cursor));
    assertThat(page2.get("runs")).hasSize(1);
    assertThat(page2.get("next_cursor").isNull()).isTrue();
    assertThat(page2.get("runs").get(0).get("id").asText()).isEqualTo(id); // newest first
    runToEnd("/api/pipelines/a/runs"); // a 4th run: the in-memory history (3) no longer holds all
    assertThat(json(f.get("/api/runs?status=succeeded")).get("runs")).hasSize(4); // from the store
    JsonNode newestTwo = json(f.get("/api/runs?limit=2")); // from memory
    assertThat(newestTwo.get("runs")).hasSize(2);
    assertThat(newestTwo.get("runs").get(0).get("pipeline").asText()).isEqualTo("a");
    assertThat(newestTwo.get("next_cursor").isNull()).isFalse();
    assertThat(json(f.get("/api/runs?status=failed")).get("runs")).isEmpty();
    assertError(f.get("/api/runs?status=done"), 400, "invalid_request", "status");
    assertError(f.get("/api/runs?limit=0"), 400, "invalid_request", "limit");
    assertError(f.get("/api/runs?cursor=xyz"), 400, "invalid_request", "cursor");

    JsonNode logs = json(f.get("/api/runs/" + id + "/logs"));
    assertThat(logs.get("run_id").asText()).isEqualTo(id);
    String text = logs.get("lines").toString();
    assertThat(text)
        .contains("started")
        .contains("stream items finished")
        .contains("run succeeded");
    assertThat(text).doesNotContain("canary-secret-value");
  }

  @Test
  void liveRunShowsProgressSoFarAndCanBeCancelled() {
    startDefault();
    HttpResponse<String> r = f.post("/api/pipelines/slow/runs", "{\"priority\": \"high\"}");
    assertThat(r.statusCode()).isEqualTo(202);
    String id = json(r).get("queued_id").asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> json(f.get("/api/runs/" + id)).get("counts").get("written").asLong() == 5);
    JsonNode live = json(f.get("/api/runs/" + id));
    assertThat(live.get("live").asBoolean()).isTrue();
    assertThat(live.get("status").asText()).isEqualTo("running");
    assertThat(live.get("priority").asText()).isEqualTo("high");
    assertThat(live.get("streams").get(0).get("status").asText()).isEqualTo("running");
    assertThat(json(f.get("/api/jobs")).get("running").asInt()).isEqualTo(1);

    assertError(f.post("/api/pipelines/slow/runs", null), 409, "conflict", null);

    HttpResponse<String> cancel = f.post("/api/runs/" + id + "/cancel", null);
    assertThat(cancel.statusCode()).isEqualTo(202);
    assertThat(json(cancel).get("status").asText()).isIn("cancelling", "running");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !json(f.get("/api/runs/" + id)).get("live").asBoolean());
    JsonNode ended = json(f.get("/api/runs/" + id));
    assertThat(ended.get("status").asText()).isEqualTo("cancelled");
    assertThat(ended.get("counts").get("written").asLong()).isEqualTo(5); // its batch was kept
    assertError(f.post("/api/runs/" + id + "/cancel", null), 404, "not_found", null);
  }

  @Test
  void backfillWindowReachesTheRunAndBadBodiesAreRefusedByField() {
    startDefault();
    HttpResponse<String> r =
        f.post(
            "/api/pipelines/b/runs",
            "{\"from\": \"2025-01-01\", \"to\": \"2025-02-01T00:00:00Z\", \"streams\": [\"items\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = json(r).get("queued_id").asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !json(f.get("/api/runs/" + id)).get("live").asBoolean());
    JsonNode options = json(f.get("/api/runs/" + id)).get("options");
    assertThat(options.get("from").asText()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(options.get("to").asText()).isEqualTo("2025-02-01T00:00:00Z");

    assertError(
        f.post("/api/pipelines/b/runs", "{\"from\": \"yesterday\"}"),
        400,
        "invalid_request",
        "from");
    assertError(
        f.post("/api/pipelines/b/runs", "{\"from\": \"2025-02-01\", \"to\": \"2025-01-01\"}"),
        400,
        "invalid_request",
        "to");
    assertError(
        f.post("/api/pipelines/b/runs", "{\"priority\": \"urgent\"}"),
        400,
        "invalid_request",
        "priority");
    assertError(f.post("/api/pipelines/b/runs", "[1]"), 400, "invalid_json", null);
    assertError(f.post("/api/pipelines/nope/runs", null), 404, "not_found", null);
  }

  @Test
  void sourcesAndHealthReportWhatTheyCheck() {
    startDefault();
    runToEnd("/api/pipelines/b/runs");
    JsonNode sources = json(f.get("/api/sources")).get("sources");
    JsonNode alpha = find(sources, "name", "alpha");
    assertThat(alpha.get("pipelines").toString()).contains("\"a\"").contains("\"b\"");
    assertThat(alpha.get("last_success_at").isNull()).isFalse();
    assertThat(alpha.get("last_status").asText()).isEqualTo("succeeded");
    assertThat(find(sources, "name", "gate").get("last_success_at").isNull()).isTrue();
    // no circuit information: unknown; then what the connector providers report
    assertThat(alpha.get("circuit").asText()).isEqualTo("unknown");
    f.api.circuits(
        s ->
            switch (s) {
              case "alpha" -> java.util.Optional.of("open");
              case "gate" -> throw new IllegalStateException("a broken plugin");
              default -> java.util.Optional.empty();
            });
    JsonNode again = json(f.get("/api/sources")).get("sources");
    assertThat(find(again, "name", "alpha").get("circuit").asText()).isEqualTo("open");
    assertThat(find(again, "name", "gate").get("circuit").asText()).isEqualTo("unknown");

    assertThat(f.getAnonymous("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = f.getAnonymous("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    JsonNode checks = json(ready).get("checks");
    assertThat(checks.get("store").get("ok").asBoolean()).isTrue();
    assertThat(checks.get("scheduler").get("ok").asBoolean()).isTrue();
    assertThat(checks.get("disk").get("ok").asBoolean()).isTrue();
  }

  @Test
  void readinessFailsWhenDiskIsShortOrSchedulerStopped() {
    f =
        new ServerFixture(
            dir, Map.of(), new ServerConfig("127.0.0.1", 0, dir, false, false, Long.MAX_VALUE));
    HttpResponse<String> r = f.getAnonymous("/health/ready");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).get("status").asText()).isEqualTo("not_ready");
    assertThat(json(r).get("checks").get("disk").get("ok").asBoolean()).isFalse();
    f.scheduler.close();
    assertThat(
            json(f.getAnonymous("/health/ready"))
                .get("checks")
                .get("scheduler")
                .get("ok")
                .asBoolean())
        .isFalse();
  }

  @Test
  void metricsCarryTheExpectedNamesAndNoRunIds() {
    startDefault();
    JsonNode run = runToEnd("/api/pipelines/b/runs");
    // the run stops being live before the sinks have heard of its end: wait for the last of them
    String[] scraped = new String[1];
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              scraped[0] = f.get("/metrics").body();
              return scraped[0].contains("source_last_success_timestamp_seconds{source=\"alpha\"}");
            });
    String text = scraped[0];
    assertThat(text)
        .contains("pipeline_jobs_total{pipeline=\"b\",status=\"succeeded\"} 1.0")
        .contains("pipeline_job_duration_seconds_bucket{pipeline=\"b\",status=\"succeeded\",le=")
        .contains(
            "pipeline_records_processed_total{outcome=\"written\",pipeline=\"b\",stream=\"items\"} 5.0")
        .contains(
            "pipeline_records_processed_total{outcome=\"quarantined\",pipeline=\"b\",stream=\"items\"} 1.0")
        .contains("data_quality_score{pipeline=\"b\",stream=\"items\"} 0.8333")
        .contains("source_last_success_timestamp_seconds{source=\"alpha\"}")
        .contains("scheduler_queue_depth ")
        .contains("scheduler_runs_active ")
        .contains(
            "http_server_requests_seconds_count{method=\"POST\",route=\"/api/pipelines/{name}/runs\",status=\"202\"}")
        .contains("jvm_memory_used_bytes")
        .doesNotContain(run.get("id").asText())
        .doesNotContain("canary-secret-value");
  }

  @Test
  void unknownRoutesAndMethodsAnswerWithTheErrorShape() {
    startDefault();
    assertError(f.get("/api/nothing"), 404, "not_found", null);
    assertError(
        f.send(
            HttpRequest.newBuilder(f.uri("/api/jobs"))
                .header("Authorization", "Bearer " + ServerFixture.TOKEN)
                .DELETE()),
        405,
        "method_not_allowed",
        null);
  }

  @Test
  void serverListeningBeforeItIsAttachedSaysStartingUntilThen() {
    startDefault();
    try (ServerMetrics early = new ServerMetrics();
        ApiServer api =
            new ApiServer(ServerFixture.config(dir), early, AdminToken.of(ServerFixture.TOKEN), "t")
                .start()) {
      String base = "http://127.0.0.1:" + api.port();
      java.util.function.Function<String, HttpResponse<String>> get =
          path ->
              f.send(
                  HttpRequest.newBuilder(java.net.URI.create(base + path))
                      .header("Authorization", "Bearer " + ServerFixture.TOKEN)
                      .GET());
      assertThat(get.apply("/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get.apply("/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(json(ready).get("status").asText()).isEqualTo("starting");
      assertError(get.apply("/api/jobs"), 503, "starting", null);
      assertThat(get.apply("/metrics").statusCode()).isEqualTo(200);

      api.attach(f.scheduler, f.store, f.logs, f.history);
      assertThat(get.apply("/api/jobs").statusCode()).isEqualTo(200);
      assertThat(get.apply("/health/ready").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void oversizedBodyIsRefusedWithTheErrorShape() {
    startDefault();
    String big = "{\"streams\": [\"" + "x".repeat(100_000) + "\"]}";
    assertError(f.post("/api/pipelines/b/runs", big), 413, "payload_too_large", null);
  }

  @Test
  void publicReadOpensReadOnlyEndpointsButNotMutatingOnes() {
    f =
        new ServerFixture(
            dir,
            Map.of("b", ServerFixture.pipeline("b", "alpha", null)),
            new ServerConfig("127.0.0.1", 0, dir, true, true, 0));
    assertThat(f.getAnonymous("/api/jobs").statusCode()).isEqualTo(200);
    assertThat(f.getAnonymous("/openapi.json").statusCode()).isEqualTo(200);
    assertThat(f.getAnonymous("/metrics").statusCode()).isEqualTo(200);
    assertError(
        f.send(
            HttpRequest.newBuilder(f.uri("/api/pipelines/b/runs"))
                .POST(HttpRequest.BodyPublishers.noBody())),
        401,
        "unauthorized",
        null);
  }

  @Test
  void alertsAreListedWithHistoryPagedFilteredByStateAndAcknowledgedWithTheToken() {
    startDefault();
    f.alerts.add("00000000000000a1", "a", "resolved");
    f.alerts.add("00000000000000a2", "a", "firing");
    f.alerts.add("00000000000000a3", "b", "acknowledged");
    f.alerts.add("00000000000000a4", "b", "firing");

    JsonNode all = json(f.get("/api/alerts"));
    assertThat(all.get("total").asInt()).isEqualTo(4);
    assertThat(all.get("next_cursor").isNull()).isTrue();
    assertThat(all.get("alerts").findValuesAsText("id"))
        .containsExactly(
            "00000000000000a4", "00000000000000a3", "00000000000000a2", "00000000000000a1");
    assertThat(all.get("alerts").get(0).get("history").get(0).get("what").asText())
        .isEqualTo("fired");

    // pages of two, following next_cursor
    JsonNode first = json(f.get("/api/alerts?limit=2"));
    assertThat(first.get("alerts").findValuesAsText("id"))
        .containsExactly("00000000000000a4", "00000000000000a3");
    String cursor = first.get("next_cursor").asText();
    JsonNode second = json(f.get("/api/alerts?limit=2&cursor=" + cursor));
    assertThat(second.get("alerts").findValuesAsText("id"))
        .containsExactly("00000000000000a2", "00000000000000a1");
    assertThat(second.get("next_cursor").isNull()).isTrue();

    assertThat(json(f.get("/api/alerts?state=firing")).get("alerts").findValuesAsText("id"))
        .containsExactly("00000000000000a4", "00000000000000a2");
    assertThat(
            json(f.get("/api/alerts?state=resolved&pipeline=a"))
                .get("alerts")
                .findValuesAsText("id"))
        .containsExactly("00000000000000a1");
    assertError(f.get("/api/alerts?state=open"), 400, "invalid_request", "state");
    assertError(f.get("/api/alerts?limit=0"), 400, "invalid_request", "limit");

    // acknowledging needs the token even when reads are public
    assertError(
        f.send(
            HttpRequest.newBuilder(f.uri("/api/alerts/00000000000000a4/ack"))
                .POST(HttpRequest.BodyPublishers.noBody())),
        401,
        "unauthorized",
        null);
    HttpResponse<String> acked = f.post("/api/alerts/00000000000000a4/ack", "{\"by\": \"alice\"}");
    assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
    assertThat(json(acked).get("state").asText()).isEqualTo("acknowledged");
    assertThat(json(acked).get("acknowledged_by").asText()).isEqualTo("alice");
    assertThat(json(f.get("/api/alerts?state=acknowledged")).get("alerts").findValuesAsText("id"))
        .containsExactly("00000000000000a4", "00000000000000a3");
    // without a body the acknowledger is "api"
    assertThat(
            json(f.post("/api/alerts/00000000000000a2/ack", null)).get("acknowledged_by").asText())
        .isEqualTo("api");

    assertError(f.post("/api/alerts/ffffffffffffffff/ack", null), 404, "not_found", null);
    assertError(
        f.post("/api/alerts/00000000000000a2/ack", "{\"who\": \"bob\"}"),
        400,
        "invalid_request",
        "who");
    assertError(
        f.post("/api/alerts/00000000000000a2/ack", "{\"by\": \"<script>\"}"),
        400,
        "invalid_request",
        "by");
  }

  @Test
  void aStreamsReadThreadLogsWithRunIdPipelineAndStream() {
    startDefault();
    TestPlugins.READ_MDC.clear();
    JsonNode run = runToEnd("/api/pipelines/b/runs");
    assertThat(TestPlugins.READ_MDC)
        .contains(Map.of("run_id", run.get("id").asText(), "pipeline", "b", "stream", "items"));
  }

  @Test
  void requestIdIsEchoedOrCreated() {
    startDefault();
    HttpResponse<String> given =
        f.send(
            HttpRequest.newBuilder(f.uri("/health/live")).header("X-Request-Id", "abc-123").GET());
    assertThat(given.headers().firstValue("X-Request-Id")).contains("abc-123");
    HttpResponse<String> made =
        f.send(
            HttpRequest.newBuilder(f.uri("/health/live"))
                .header("X-Request-Id", "not {a} sane id")
                .GET());
    assertThat(made.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{16}");
  }

  static JsonNode find(JsonNode array, String key, String value) {
    for (JsonNode n : array) {
      if (n.get(key).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError("no element with " + key + "=" + value + " in " + array);
  }
}
