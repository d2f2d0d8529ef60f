package io.tributary.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spi.ConfigException;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.config.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertingConfigTest {
  static final String CANARY = "canary-9f8e7d6c5b4a";

  @TempDir Path dir;

  AlertingConfig config() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("alerts.yaml"),
            """
            channels:
              team-slack: {type: slack, url: "${SLACK_URL}"}
              ops-mail:
                type: email
                host: smtp.example.com
                username: tributary
                password: ${SMTP_PASSWORD}
                from: tributary@example.com
                to: [ops@example.com]
            defaults:
              channels: [team-slack]
            rules:
              - {type: freshness, max_age: 3h, pipelines: ["shop-*"]}
            """);
    return AlertingConfig.load(
        f, Map.of("SLACK_URL", "https://hooks.example/" + CANARY, "SMTP_PASSWORD", CANARY));
  }

  List<String> paths(List<ConfigProblem> problems) {
    return problems.stream().map(ConfigProblem::path).toList();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules(String yaml) throws IOException {
    return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue(yaml, List.class);
  }

  @Test
  void aGlobalFileWithEnvironmentVariablesLoads() throws IOException {
    AlertingConfig c = config();

    assertThat(c.channelNames()).containsExactly("ops-mail", "team-slack");
    assertThat(c.ruleCount()).isEqualTo(1);
    assertThat(c.global().secrets()).contains(CANARY, "https://hooks.example/" + CANARY);
    assertThat(c.global().channels().get("team-slack").toString()).doesNotContain(CANARY);
  }

  @Test
  void everyProblemOfAPipelinesRulesIsReportedWithItsPath() throws IOException {
    List<ConfigProblem> problems =
        config()
            .validate(
                new PipelineAlerts(
                    "shop",
                    rules(
                        """
                        - {type: consecutive_failures, threshold: three}
                        - {type: disk_full}
                        - {type: duration}
                        - {type: freshness, max_age: two hours}
                        - {type: quality_score, channels: [pager]}
                        - {type: error_rate, threshold: 10}
                        - {type: quality_score, tresh: 0.5}
                        - {type: freshness, pipelines: ["*"], renotify: sometimes}
                        - {type: response_time, severity: urgent}
                        - {type: anomaly, channels: [{type: webhook, url: "ftp://x"}]}
                        - {}
                        """),
                    Set.of()));

    assertThat(paths(problems))
        .containsExactly(
            "alerts[0].threshold",
            "alerts[1].type",
            "alerts[2].sla",
            "alerts[3].max_age",
            "alerts[4].channels[0]",
            "alerts[5].threshold",
            "alerts[6].tresh",
            "alerts[6].name",
            "alerts[7].pipelines",
            "alerts[7].name",
            "alerts[7].renotify",
            "alerts[8].severity",
            "alerts[9].channels[0].secret",
            "alerts[9].channels[0].url",
            "alerts[10].type");
    assertThat(problems.get(0).message())
        .isEqualTo("'threshold' must be an integer but was a string");
    assertThat(problems.get(4).message())
        .isEqualTo(
            "unknown channel 'pager'; define it under 'channels' in the global alerts file"
                + " (defined: ops-mail, team-slack)");
    assertThat(problems.get(5).message()).contains("write 0.1 for 10 %");
    assertThat(problems.get(3).toString())
        .isEqualTo(
            "alerts[3].max_age: 'max_age' must be a duration such as 500ms, 30s, 15m, 2h, 1d or"
                + " 1h30m (was: two hours)");
    assertThat(problems.get(13).value()).isEqualTo(Secret.MASK);
  }

  @Test
  void neverIsAResolveAfterOfEventRulesOnly() throws IOException {
    List<ConfigProblem> problems =
        config()
            .validate(
                new PipelineAlerts(
                    "shop",
                    rules(
                        """
                        - {type: event, event: pipeline_invalid, resolve_on: pipeline_loaded, resolve_after: never}
                        - {type: anomaly, resolve_after: never}
                        """),
                    Set.of()));
    assertThat(paths(problems)).containsExactly("alerts[1].resolve_after");
  }

  @Test
  void aValidPipelineHasNoProblems() throws IOException {
    assertThat(
            config()
                .validate(
                    new PipelineAlerts(
                        "shop",
                        rules(
                            """
                            - {type: consecutive_failures, threshold: 3, channels: [team-slack, ops-mail]}
                            - {type: quality_score, threshold: 0.95, per_stream: true, severity: error}
                            - {type: duration, sla: 1h30m, renotify: never}
                            - name: hook
                              type: anomaly
                              channels: [{type: webhook, url: "https://example.org/h", secret: k}]
                            """),
                        Set.of())))
        .isEmpty();
  }

  @Test
  void globalFileProblemsNameTheFileAndNeverShowASecret() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("alerts.yaml"),
            """
            channels:
              pager: {type: pagerduty, routing_key: "${PD_KEY}", url: "${PD_URL}"}
              Bad_Name: {type: slack, url: "https://x"}
              hook: {type: webhook, url: "%s"}
            defaults: {channels: [nope], renotify: 0s}
            delivery: {queue_capacity: 0, max_backoff: forever}
            rules:
              - {type: freshness, channels: [{type: slack, url: "https://x"}]}
            """
                .formatted("mailto:" + CANARY));

    assertThatThrownBy(() -> AlertingConfig.load(f, Map.of("PD_URL", "https://events.example")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(paths(e.problems()))
                  .containsExactly(
                      "channels.pager.routing_key",
                      "channels.Bad_Name",
                      "channels.hook.secret",
                      "channels.hook.url",
                      "defaults.channels[0]",
                      "defaults.renotify",
                      "delivery.queue_capacity",
                      "delivery.max_backoff",
                      "rules");
              assertThat(e.problems())
                  .allSatisfy(p -> assertThat(p.location()).isEqualTo(f.toString()));
              assertThat(e.problems().get(0).message())
                  .contains("environment variable 'PD_KEY' is not set");
              assertThat(e.getMessage()).doesNotContain(CANARY);
            });
  }

  @Test
  void aYamlSyntaxErrorNamesLineAndColumn() throws IOException {
    Path f = Files.writeString(dir.resolve("alerts.yaml"), "channels:\n  a: [unclosed\n");

    assertThatThrownBy(() -> AlertingConfig.load(f, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems().get(0).location())
                    .startsWith(f + ":")
                    .matches(".*:\\d+:\\d+"));
  }

  @Test
  void specsAreAvailableForSchemasAndDocs() {
    assertThat(AlertingConfig.ruleSpec("freshness", false).names())
        .containsExactly("type", "name", "severity", "channels", "renotify", "enabled", "max_age");
    assertThat(AlertingConfig.ruleSpec("freshness", true).names()).contains("pipelines");
    assertThat(AlertingConfig.channelSpec("webhook").field("secret").orElseThrow().secret())
        .isTrue();
    assertThatThrownBy(() -> AlertingConfig.ruleSpec("nope", false))
        .hasMessageContaining("consecutive_failures");
  }
}
