package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tributary.engine.schedule.RunFinished;
import io.tributary.engine.schedule.SchedulerEvent;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.StreamRun;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Prometheus rules and Grafana dashboard ({@code ops/}) only use metrics the server
 * really exports: every metric name in their PromQL is compared with a live {@code /metrics} scrape
 * of a server that ran a pipeline and saw every kind of event.
 */
class OpsFilesTest {
  static final Path OPS = Path.of("..", "ops");
  static final ObjectMapper JSON = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();

  /** Series Prometheus makes itself, not the server. */
  static final Set<String> PROMETHEUS_OWN = Set.of("up");

  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "and",
          "or",
          "unless",
          "offset",
          "inf",
          "nan");
  private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  @TempDir Path dir;
  ServerFixture f;

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  /** The metric names an expression reads (functions, keywords, labels and strings left out). */
  static Set<String> metricNames(String expr) {
    String s = expr;
    s = s.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " "); // strings
    s = s.replaceAll("\\{[^}]*}", " "); // label matchers
    s = s.replaceAll("\\[[^]]*]", " "); // ranges and subqueries
    s = s.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    s = s.replaceAll("\\boffset\\s+\\S+", " ");
    s = s.replaceAll("\\$\\{?\\w+}?", " "); // Grafana variables
    s = s.replaceAll("\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b", " "); // numbers
    Set<String> names = new TreeSet<>();
    Matcher m = IDENT.matcher(s);
    while (m.find()) {
      String id = m.group();
      int next = m.end();
      while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
        next++;
      }
      boolean function = next < s.length() && s.charAt(next) == '(';
      if (!function && !KEYWORDS.contains(id.toLowerCase(java.util.Locale.ROOT))) {
        names.add(id);
      }
    }
    return names;
  }

  @Test
  void theNameExtractorFindsMetricsOnly() {
    assertThat(
            metricNames(
                "histogram_quantile(0.95, sum by (le, pipeline)"
                    + " (rate(pipeline_job_duration_seconds_bucket{pipeline=~\"$pipeline\"}[5m])))"
                    + " > 3600"))
        .containsExactly("pipeline_job_duration_seconds_bucket");
    assertThat(metricNames("time() - source_last_success_timestamp_seconds > 2 * 3600"))
        .containsExactly("source_last_success_timestamp_seconds");
    assertThat(metricNames("a_total / on (x) group_left b_total offset 5m or vector(0)"))
        .containsExactly("a_total", "b_total");
  }

  /** Every PromQL expression of the ops files, by where it is. */
  static Map<String, String> expressions() throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode rules = YAML.readTree(OPS.resolve("prometheus/alerts.yml").toFile());
    for (JsonNode g : rules.path("groups")) {
      for (JsonNode r : g.path("rules")) {
        out.put("alerts.yml " + r.path("alert").asText(), r.path("expr").asText());
      }
    }
    JsonNode dash = JSON.readTree(OPS.resolve("grafana/dashboards/tributary.json").toFile());
    for (JsonNode p : dash.path("panels")) {
      for (JsonNode t : p.path("targets")) {
        out.put(
            "dashboard '" + p.path("title").asText() + "' " + t.path("refId").asText(),
            t.path("expr").asText());
      }
    }
    for (JsonNode v : dash.path("templating").path("list")) {
      Matcher m =
          Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)")
              .matcher(v.path("query").path("query").asText());
      if (m.find()) {
        out.put("dashboard variable " + v.path("name").asText(), m.group(1));
      }
    }
    return out;
  }

  @Test
  void everyMetricTheOpsFilesUseIsOneTheServerExports() throws Exception {
    f =
        new ServerFixture(
            dir,
            Map.of("a", ServerFixture.pipeline("a", "alpha", null)),
            ServerFixture.config(dir));
    // a real run through the API: jobs, durations, records, quality, last success, requests
    HttpResponse<String> trigger = f.post("/api/pipelines/a/runs", null);
    assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(202);
    String id = JSON.readTree(trigger.body()).get("queued_id").asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !JSON.readTree(f.get("/api/runs/" + id).body()).get("live").asBoolean());
    // and the events a quiet test server does not see by itself
    Instant t = Instant.now();
    StreamRun failed = new StreamRun("s", "a.s", RunStatus.FAILED, Counts.ZERO, 1, "boom");
    f.metrics.runFinished(
        new RunFinished(
            new RunInfo(
                "r-x",
                "a",
                "schedule",
                RunStatus.FAILED,
                t,
                t,
                Counts.ZERO,
                List.of(failed),
                "x",
                Map.of()),
            "alpha",
            1,
            t,
            1));
    f.metrics.schedulerEvent(new SchedulerEvent.TickSkipped(t, "a", t, "r-x"));
    f.metrics.schedulerEvent(new SchedulerEvent.RetryScheduled(t, "a", "r-x", 1, t));
    f.metrics.schedulerEvent(
        new SchedulerEvent.PipelineInvalid(t, null, dir.resolve("x.yaml"), List.of("bad"), false));

    HttpResponse<String> scrape = f.get("/metrics");
    assertThat(scrape.statusCode()).isEqualTo(200);
    Set<String> exported = new TreeSet<>();
    for (String line : scrape.body().split("\n")) {
      Matcher m = IDENT.matcher(line);
      if (!line.startsWith("#") && m.lookingAt()) {
        exported.add(m.group());
      }
    }
    assertThat(exported).contains("pipeline_jobs_total", "scheduler_queue_depth");

    Map<String, String> expressions = expressions();
    assertThat(expressions).hasSizeGreaterThan(20);
    Map<String, Set<String>> unknown = new TreeMap<>();
    Set<String> used = new TreeSet<>();
    expressions.forEach(
        (where, expr) -> {
          Set<String> names = metricNames(expr);
          assertThat(names).as("%s reads no metric: %s", where, expr).isNotEmpty();
          for (String n : names) {
            used.add(n);
            if (!exported.contains(n) && !PROMETHEUS_OWN.contains(n)) {
              unknown.computeIfAbsent(where, k -> new TreeSet<>()).add(n);
            }
          }
        });
    assertThat(unknown).as("metrics the server does not export (exported: %s)", exported).isEmpty();
    // the names the issue promises users are all on the dashboard or in a rule
    assertThat(used)
        .contains(
            "pipeline_jobs_total",
            "pipeline_job_duration_seconds_bucket",
            "pipeline_errors_total",
            "pipeline_records_processed_total",
            "data_quality_score",
            "source_last_success_timestamp_seconds",
            "scheduler_queue_depth");
  }

  @Test
  void provisioningPointsTheDashboardAtTheProvisionedDatasourceAndPrometheusAtTheRules()
      throws Exception {
    JsonNode ds =
        YAML.readTree(OPS.resolve("grafana/provisioning/datasources/prometheus.yaml").toFile());
    String uid = ds.path("datasources").get(0).path("uid").asText();
    assertThat(ds.path("datasources").get(0).path("type").asText()).isEqualTo("prometheus");
    JsonNode dash = JSON.readTree(OPS.resolve("grafana/dashboards/tributary.json").toFile());
    List<String> uids = new ArrayList<>();
    dash.findValues("datasource").forEach(d -> uids.add(d.path("uid").asText()));
    assertThat(uids).isNotEmpty().allMatch(uid::equals);
    Set<Integer> ids = new TreeSet<>();
    dash.path("panels").forEach(p -> assertThat(ids.add(p.path("id").asInt())).isTrue());

    JsonNode providers =
        YAML.readTree(OPS.resolve("grafana/provisioning/dashboards/tributary.yaml").toFile());
    assertThat(providers.path("providers").get(0).path("type").asText()).isEqualTo("file");

    JsonNode prom = YAML.readTree(OPS.resolve("prometheus/prometheus.yml").toFile());
    for (JsonNode rf : prom.path("rule_files")) {
      assertThat(OPS.resolve("prometheus").resolve(rf.asText())).exists();
    }
    JsonNode job = prom.path("scrape_configs").get(0);
    assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
    assertThat(job.path("job_name").asText()).isEqualTo("tributary");
    // TributaryDown watches this job
    assertThat(Files.readString(OPS.resolve("prometheus/alerts.yml")))
        .contains("up{job=\"tributary\"}");
  }
}
