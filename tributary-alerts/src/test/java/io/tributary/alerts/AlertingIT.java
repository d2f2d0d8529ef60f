package io.tributary.alerts;

import static io.tributary.alerts.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.StreamRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade end to end, with real HTTP receivers on loopback. */
class AlertingIT {
  static final String HMAC_KEY = "whsec-test-0123456789";
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  final Receiver receiver = new Receiver();
  final TestClock clock = TestClock.at("2026-03-01T10:00:00Z");
  final ObjectMapper json = new ObjectMapper();
  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    receiver.close();
  }

  String globalYaml(String delivery) {
    return """
        channels:
          slack: {type: slack, url: "%s"}
          hook: {type: webhook, url: "%s", secret: "%s"}
          pager: {type: pagerduty, routing_key: "rk-0123456789abcdef", url: "%s"}
        defaults:
          channels: [slack, hook, pager]
        delivery: %s
        """
        .formatted(
            receiver.url("/slack"), receiver.url("/hook"), HMAC_KEY, receiver.url("/pd"), delivery);
  }

  @SuppressWarnings("unchecked")
  AlertingConfig config(String yaml) throws IOException {
    return AlertingConfig.parse(new YAMLMapper().readValue(yaml, Map.class), Set.of());
  }

  AlertStore store() {
    FileAlertStore s = FileAlertStore.open(dir.resolve("alerts.json"));
    open.add(s);
    return s;
  }

  Alerting alerting(AlertingConfig config, AlertStore store) {
    Alerting a = Alerting.create(config, store, clock);
    open.add(a);
    return a;
  }

  Alerting alerting(String delivery) throws IOException {
    return alerting(config(globalYaml(delivery)), store());
  }

  static final String FAST =
      "{max_attempts: 3, initial_backoff: 10ms, max_backoff: 50ms, shutdown_grace: 200ms}";
  static final PipelineAlerts SHOP =
      new PipelineAlerts(
          "shop", List.of(Map.of("type", "consecutive_failures", "threshold", 3)), Set.of());

  RunInfo failed(int i) {
    clock.advance(Duration.ofMinutes(10));
    return run("run-" + i, "shop", RunStatus.FAILED, clock.instant());
  }

  JsonNode body(Receiver.Request r) throws IOException {
    return json.readTree(r.body());
  }

  @Test
  void threeConsecutiveFailuresNotifyEachChannelOnceAndTheSuccessResolves() throws Exception {
    Alerting alerting = alerting(FAST);

    for (int i = 1; i <= 5; i++) {
      alerting.onRunFinished(SHOP, failed(i));
    }
    assertThat(alerting.awaitIdle(WAIT)).isTrue();

    assertThat(receiver.requests("/slack")).hasSize(1);
    assertThat(receiver.requests("/hook")).hasSize(1);
    assertThat(receiver.requests("/pd")).hasSize(1);
    Alert alert = alerting.list(AlertQuery.all()).get(0);
    assertThat(alert.occurrences()).isEqualTo(3);

    clock.advance(Duration.ofMinutes(10));
    alerting.onRunFinished(SHOP, run("run-6", "shop", RunStatus.SUCCEEDED, clock.instant()));
    assertThat(alerting.awaitIdle(WAIT)).isTrue();

    // Slack: text plus header / section / context blocks
    List<Receiver.Request> slack = receiver.requests("/slack");
    assertThat(slack).hasSize(2);
    JsonNode fired = body(slack.get(0));
    assertThat(fired.get("text").asText()).isEqualTo("[ERROR] FIRING shop: 3 failed runs in a row");
    assertThat(fired.at("/blocks/0/type").asText()).isEqualTo("header");
    assertThat(fired.at("/blocks/1/fields/0/text").asText()).isEqualTo("*Pipeline*\nshop");
    assertThat(fired.at("/blocks/2/elements/0/text").asText()).contains(alert.id());
    assertThat(body(slack.get(1)).get("text").asText()).startsWith("[ERROR] RESOLVED shop:");

    // webhook: signed, timestamped JSON with an idempotency key
    List<Receiver.Request> hook = receiver.requests("/hook");
    assertThat(hook).hasSize(2);
    for (Receiver.Request r : hook) {
      String ts = r.header("X-Tributary-Timestamp");
      assertThat(Long.parseLong(ts))
          .isBetween(alert.firedAt().getEpochSecond(), clock.instant().getEpochSecond());
      assertThat(r.header("X-Tributary-Signature"))
          .isEqualTo("sha256=" + hmac(ts + "." + r.body()));
      assertThat(r.header("Idempotency-Key")).isEqualTo(body(r).get("idempotency_key").asText());
    }
    assertThat(body(hook.get(0)).get("event").asText()).isEqualTo("fired");
    assertThat(body(hook.get(0)).get("alert_id").asText()).isEqualTo(alert.id());
    assertThat(body(hook.get(0)).get("run_id").asText()).isEqualTo("run-3");
    assertThat(body(hook.get(0)).get("threshold").asText()).isEqualTo(">= 3");
    assertThat(body(hook.get(1)).get("event").asText()).isEqualTo("resolved");
    assertThat(body(hook.get(1)).get("status").asText()).isEqualTo("resolved");
    assertThat(hook.get(0).header("Idempotency-Key"))
        .isNotEqualTo(hook.get(1).header("Idempotency-Key"));

    // PagerDuty Events v2: trigger then resolve of one dedup_key
    List<Receiver.Request> pd = receiver.requests("/pd");
    assertThat(pd).hasSize(2);
    JsonNode trigger = body(pd.get(0));
    assertThat(trigger.get("routing_key").asText()).isEqualTo("rk-0123456789abcdef");
    assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
    assertThat(trigger.get("dedup_key").asText()).isEqualTo(alert.id());
    assertThat(trigger.at("/payload/severity").asText()).isEqualTo("error");
    assertThat(trigger.at("/payload/source").asText()).isEqualTo("tributary/shop");
    assertThat(trigger.at("/payload/summary").asText()).contains("3 failed runs in a row");
    JsonNode resolve = body(pd.get(1));
    assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
    assertThat(resolve.get("dedup_key").asText()).isEqualTo(alert.id());
    assertThat(resolve.has("payload")).isFalse();

    Alert resolved = alerting.get(alert.id()).orElseThrow();
    assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.notices())
        .flatExtracting(Notice::deliveries)
        .extracting(Notice.Delivery::state)
        .containsOnly(DeliveryState.DELIVERED)
        .hasSize(6);
  }

  @Test
  void aChannelThatHangsNeverBlocksTheCaller() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    receiver.holdOn(never);
    Alerting alerting = alerting(FAST);
    alerting.onRunFinished(SHOP, failed(1));
    alerting.onRunFinished(SHOP, failed(2));
    alerting.onRunFinished(SHOP, failed(3));
    await().atMost(WAIT).until(() -> receiver.arrived() >= 1);

    long slowest = 0;
    long start = System.nanoTime();
    for (int i = 4; i < 504; i++) {
      long t = System.nanoTime();
      alerting.onRunFinished(SHOP, failed(i));
      alerting.onEvent(
          AlertEvent.httpRequest(
              "shop", "api.example.com", clock.instant(), Duration.ofMillis(90), 200, false));
      alerting.tick();
      slowest = Math.max(slowest, System.nanoTime() - t);
    }
    long total = System.nanoTime() - start;

    assertThat(never.getCount()).as("the receivers are still holding their requests").isEqualTo(1);
    assertThat(receiver.all()).as("no delivery has completed").isEmpty();
    assertThat(Duration.ofNanos(total)).isLessThan(Duration.ofSeconds(2));
    assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(500));
    // evaluation went on while every delivery hung
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(alerting.list(AlertQuery.all()).get(0).runId()).isEqualTo("run-503"));
  }

  @Test
  void aChannelAnswering500IsRetriedWithBackoffAndGivenUpWithoutSlowingTheCaller()
      throws Exception {
    receiver.answer(500);
    Alerting alerting = alerting(FAST);

    long start = System.nanoTime();
    for (int i = 1; i <= 3; i++) {
      alerting.onRunFinished(SHOP, failed(i));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    assertThat(alerting.awaitIdle(WAIT)).isTrue();

    assertThat(receiver.all()).hasSize(9).allSatisfy(r -> assertThat(r.status()).isEqualTo(500));
    Alert a = alerting.list(AlertQuery.all()).get(0);
    assertThat(a.notices().get(0).deliveries())
        .allSatisfy(
            d -> {
              assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
              assertThat(d.attempts()).isEqualTo(3);
              assertThat(d.error()).endsWith("HTTP 500 error").doesNotContain("http://");
            });
    assertThat(alerting.stats().retried()).isEqualTo(6);
    assertThat(alerting.stats().failed()).isEqualTo(3);
  }

  @Test
  void aRestartDeliversWhatWasPendingOnceWithTheSameIdempotencyKey() throws Exception {
    receiver.answer(503);
    String slow = "{max_attempts: 10, initial_backoff: 1h, shutdown_grace: 100ms}";
    AlertStore store1 = store();
    Alerting first = alerting(config(globalYaml(slow)), store1);
    for (int i = 1; i <= 3; i++) {
      first.onRunFinished(SHOP, failed(i));
    }
    await().atMost(WAIT).until(() -> receiver.all().size() == 3);
    first.close();
    store1.close();
    String key =
        receiver.all().stream()
            .filter(r -> r.path().equals("/hook"))
            .findFirst()
            .orElseThrow()
            .header("Idempotency-Key");
    assertThat(key).endsWith(".fired");

    receiver.answer(200);
    AlertStore store2 = store();
    Alerting second = alerting(config(globalYaml(slow)), store2);
    assertThat(second.awaitIdle(WAIT)).isTrue();
    second.close();
    store2.close();
    Alerting third = alerting(config(globalYaml(slow)), store());
    assertThat(third.awaitIdle(WAIT)).isTrue();

    assertThat(receiver.requests("/hook"))
        .singleElement()
        .satisfies(r -> assertThat(r.header("Idempotency-Key")).isEqualTo(key));
    assertThat(receiver.requests("/slack")).hasSize(1);
    assertThat(receiver.requests("/pd")).hasSize(1);
    Notice n = third.list(AlertQuery.all()).get(0).notices().get(0);
    assertThat(n.deliveries())
        .allSatisfy(
            d -> {
              assertThat(d.state()).isEqualTo(DeliveryState.DELIVERED);
              assertThat(d.attempts()).isEqualTo(2);
            });
  }

  @Test
  void anAcknowledgementIsSentToPagerDutyAndKeptAcrossARestart() throws Exception {
    AlertStore store1 = store();
    Alerting first = alerting(config(globalYaml(FAST)), store1);
    for (int i = 1; i <= 3; i++) {
      first.onRunFinished(SHOP, failed(i));
    }
    assertThat(first.awaitIdle(WAIT)).isTrue();
    String id = first.list(AlertQuery.all()).get(0).id();

    assertThat(first.ack(id, "alice")).get().extracting(Alert::acknowledgedBy).isEqualTo("alice");
    assertThat(first.ack("no-such-alert", "alice")).isEmpty();
    assertThat(first.awaitIdle(WAIT)).isTrue();
    first.close();
    store1.close();

    JsonNode ack = body(receiver.requests("/pd").get(1));
    assertThat(ack.get("event_action").asText()).isEqualTo("acknowledge");
    assertThat(ack.get("dedup_key").asText()).isEqualTo(id);
    assertThat(body(receiver.requests("/hook").get(1)).get("acknowledged_by").asText())
        .isEqualTo("alice");

    Alerting second = alerting(config(globalYaml(FAST)), store());
    Alert a = second.get(id).orElseThrow();
    assertThat(a.acknowledgedBy()).isEqualTo("alice");
    assertThat(a.history()).extracting(Alert.Entry::what).contains("acknowledged by alice");
    assertThat(second.list(AlertQuery.all().withStatus(AlertStatus.FIRING)))
        .extracting(Alert::id)
        .containsExactly(id);
  }

  @Test
  void noAlertTextLogOrFileHoldsASecretOrARecord() throws Exception {
    String canary = "CANARY-7c1e5d2b9a40";
    String hmacCanary = "HMAC-CANARY-55aa33cc";
    String record = "{\"email\":\"jane.doe@example.com\",\"card\":\"4111111111111111\"}";
    Path file = dir.resolve("alerts.json");
    try (LogCapture logs = new LogCapture()) {
      Alerting alerting = alerting(config(globalYaml(FAST)), store());
      PipelineAlerts shop =
          new PipelineAlerts(
              "shop",
              List.of(
                  Map.of(
                      "type",
                      "consecutive_failures",
                      "threshold",
                      1,
                      "channels",
                      List.of(
                          "slack",
                          Map.of(
                              "type",
                              "webhook",
                              "url",
                              receiver.url("/inline/" + canary),
                              "secret",
                              hmacCanary),
                          Map.of(
                              "type",
                              "webhook",
                              "url",
                              "http://127.0.0.1:1/" + canary,
                              "secret",
                              hmacCanary))),
                  Map.of("type", "event", "event", "bad_record"),
                  Map.of("type", "quality_score", "per_stream", true),
                  Map.of("type", "anomaly")),
              Set.of(canary));
      clock.advance(Duration.ofMinutes(1));
      RunInfo run =
          new RunInfo(
              "run-" + canary,
              "shop",
              "schedule",
              RunStatus.FAILED,
              clock.instant().minusSeconds(30),
              clock.instant(),
              new Counts(10, 5, 0, 0, 5, 0),
              List.of(
                  new StreamRun(
                      "orders-" + canary,
                      "t",
                      RunStatus.FAILED,
                      new Counts(10, 5, 0, 0, 5, 0),
                      10,
                      "bad record " + record)),
              "token " + canary + " rejected; record: " + record,
              Map.of("record", record));
      alerting.onRunFinished(shop, run);
      alerting.onEvent(
          new AlertEvent(
              "bad_record",
              "shop",
              "api/" + canary,
              null,
              null,
              Map.of("record", record, "token", canary)));
      alerting.onEvent(AlertEvent.anomaly("shop", "orders", null, "m-" + canary, 5, 1, 9));
      assertThat(alerting.awaitIdle(WAIT)).isTrue();

      List<Receiver.Request> received = receiver.requests();
      assertThat(received).hasSizeGreaterThanOrEqualTo(5);
      assertThat(receiver.requests("/inline/" + canary)).hasSize(1);
      StringBuilder everything = new StringBuilder();
      for (Receiver.Request r : received) {
        everything.append(r.body()).append(r.headers());
      }
      for (Alert a : alerting.list(AlertQuery.all())) {
        everything.append(a);
      }
      everything.append(logs.text()).append(Files.readString(file));
      assertThat(logs.text()).contains("could not connect");
      assertThat(everything.toString())
          .contains("******")
          .doesNotContain(canary)
          .doesNotContain(hmacCanary)
          .doesNotContain("4111111111111111")
          .doesNotContain("jane.doe@example.com");
    }
  }

  static String hmac(String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(HMAC_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }
}
