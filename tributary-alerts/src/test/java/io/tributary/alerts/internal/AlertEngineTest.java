package io.tributary.alerts.internal;

import static io.tributary.alerts.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.alerts.Alert;
import io.tributary.alerts.AlertEvent;
import io.tributary.alerts.AlertQuery;
import io.tributary.alerts.AlertStatus;
import io.tributary.alerts.AlertStore;
import io.tributary.alerts.FileAlertStore;
import io.tributary.alerts.Notice;
import io.tributary.alerts.NoticeKind;
import io.tributary.alerts.Severity;
import io.tributary.alerts.TestClock;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.StreamRun;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertEngineTest {
  static final String GLOBAL =
      """
      channels:
        hook: {type: webhook, url: "http://127.0.0.1:9/hook", secret: s3cr3t-key}
        pager: {type: pagerduty, routing_key: rk-123456, min_severity: critical}
      defaults:
        channels: [hook]
        renotify: 4h
      """;

  @TempDir Path dir;
  TestClock clock = TestClock.at("2026-03-01T10:00:00Z");
  AlertStore store;
  ConfigReader.Global global = Yaml.global(GLOBAL);
  List<Notice> sent = new ArrayList<>();
  AlertEngine engine;

  @BeforeEach
  void open() {
    store = FileAlertStore.open(dir.resolve("alerts.json"));
    engine = newEngine(global);
  }

  @AfterEach
  void close() {
    store.close();
  }

  AlertEngine newEngine(ConfigReader.Global g) {
    return new AlertEngine(clock, store, g, (a, n) -> sent.add(n));
  }

  void pipeline(String name, String rules) {
    engine.register(Yaml.pipeline(name, rules, Set.of(), global));
  }

  List<NoticeKind> kinds() {
    return sent.stream().map(n -> n.message().kind()).toList();
  }

  Alert only() {
    List<Alert> all = store.list(AlertQuery.all());
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  void runs(String pipeline, RunStatus... statuses) {
    for (RunStatus s : statuses) {
      clock.advance(Duration.ofMinutes(10));
      engine.onRun(
          pipeline, run("r" + clock.instant().getEpochSecond(), pipeline, s, clock.instant()));
    }
  }

  @Test
  void threeConsecutiveFailuresFireOnceAndResolveAfterASuccess() {
    pipeline("shop", "[{type: consecutive_failures}]");

    runs("shop", RunStatus.FAILED, RunStatus.FAILED);
    assertThat(sent).isEmpty();
    runs("shop", RunStatus.FAILED, RunStatus.FAILED, RunStatus.FAILED);

    assertThat(kinds()).containsExactly(NoticeKind.FIRED);
    Alert a = only();
    assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(a.occurrences()).isEqualTo(3);
    assertThat(a.value()).isEqualTo("5");
    assertThat(a.severity()).isEqualTo(Severity.ERROR);
    assertThat(sent.get(0).message().title()).contains("shop", "3 failed runs in a row");

    runs("shop", RunStatus.SUCCEEDED);

    assertThat(kinds()).containsExactly(NoticeKind.FIRED, NoticeKind.RESOLVED);
    assertThat(only().status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(sent.get(1).message().alertId()).isEqualTo(sent.get(0).message().alertId());
    assertThat(sent.get(1).deliveries())
        .extracting(Notice.Delivery::channel)
        .containsExactly("hook");
  }

  @Test
  void cancelledRunsNeitherCountNorResetAndPartialFailuresCountOnlyWhenAsked() {
    pipeline("shop", "[{type: consecutive_failures, threshold: 2}]");
    pipeline("crm", "[{type: consecutive_failures, threshold: 2, include_partial: true}]");

    runs(
        "shop",
        RunStatus.FAILED,
        RunStatus.CANCELLED,
        RunStatus.PARTIALLY_FAILED,
        RunStatus.FAILED);
    assertThat(sent).isEmpty();
    runs("crm", RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.PARTIALLY_FAILED);

    assertThat(kinds()).containsExactly(NoticeKind.FIRED);
    assertThat(only().pipeline()).isEqualTo("crm");
  }

  @Test
  void aRunReportedTwiceIsCountedOnce() {
    pipeline("shop", "[{type: consecutive_failures, threshold: 2}]");
    var r = run("r1", "shop", RunStatus.FAILED, clock.instant());

    engine.onRun("shop", r);
    engine.onRun("shop", r);

    assertThat(sent).isEmpty();
    assertThat(store.state("shop/consecutive_failures|shop||").orElseThrow().streak()).isEqualTo(1);
  }

  @Test
  void aFiringAlertIsRemindedAtItsIntervalUntilAcknowledged() {
    pipeline("shop", "[{type: consecutive_failures, threshold: 1, renotify: 1h}]");
    runs("shop", RunStatus.FAILED);

    clock.advance(Duration.ofMinutes(59));
    engine.tick();
    assertThat(kinds()).containsExactly(NoticeKind.FIRED);
    clock.advance(Duration.ofMinutes(1));
    engine.tick();
    engine.tick();
    assertThat(kinds()).containsExactly(NoticeKind.FIRED, NoticeKind.REMINDER);
    assertThat(sent.get(1).message().title()).contains("STILL FIRING");

    Alert acked = engine.ack(only().id(), "alice").orElseThrow();
    assertThat(acked.acknowledgedBy()).isEqualTo("alice");
    assertThat(kinds())
        .containsExactly(NoticeKind.FIRED, NoticeKind.REMINDER, NoticeKind.ACKNOWLEDGED);
    clock.advance(Duration.ofHours(5));
    engine.tick();
    runs("shop", RunStatus.FAILED);

    assertThat(kinds())
        .containsExactly(NoticeKind.FIRED, NoticeKind.REMINDER, NoticeKind.ACKNOWLEDGED);
    assertThat(only().occurrences()).isEqualTo(2);
    assertThat(engine.ack(only().id(), "bob").orElseThrow().acknowledgedBy()).isEqualTo("alice");
  }

  @Test
  void qualityScoreIsCheckedPerStreamWhenAsked() {
    pipeline("shop", "[{type: quality_score, threshold: 0.9, per_stream: true}]");
    clock.advance(Duration.ofMinutes(1));

    engine.onRun(
        "shop",
        run(
            "r1",
            "shop",
            RunStatus.SUCCEEDED,
            clock.instant(),
            Duration.ofMinutes(1),
            new Counts(200, 170, 0, 0, 30, 0),
            new StreamRun(
                "orders",
                "shop.orders",
                RunStatus.SUCCEEDED,
                new Counts(100, 70, 0, 0, 30, 0),
                10,
                null),
            new StreamRun(
                "users",
                "shop.users",
                RunStatus.SUCCEEDED,
                new Counts(100, 100, 0, 0, 0, 0),
                10,
                null)));

    Alert a = only();
    assertThat(a.stream()).isEqualTo("orders");
    assertThat(a.value()).isEqualTo("0.7");
    assertThat(a.threshold()).isEqualTo("< 0.9");
    assertThat(a.summary()).contains("30 of 100 records quarantined");

    engine.onRun(
        "shop",
        run(
            "r2",
            "shop",
            RunStatus.SUCCEEDED,
            clock.instant(),
            Duration.ofMinutes(1),
            new Counts(100, 95, 0, 0, 5, 0),
            new StreamRun(
                "orders",
                "shop.orders",
                RunStatus.SUCCEEDED,
                new Counts(100, 95, 0, 0, 5, 0),
                10,
                null)));
    assertThat(only().status()).isEqualTo(AlertStatus.RESOLVED);
  }

  @Test
  void aRunLongerThanItsSlaFires() {
    pipeline("shop", "[{type: duration, sla: 30m, severity: critical, channels: [hook, pager]}]");

    engine.onRun(
        "shop",
        run(
            "r1",
            "shop",
            RunStatus.SUCCEEDED,
            clock.instant(),
            Duration.ofMinutes(45),
            Counts.ZERO));

    Alert a = only();
    assertThat(a.value()).isEqualTo("45m");
    assertThat(a.threshold()).isEqualTo("<= 30m");
    assertThat(sent.get(0).deliveries())
        .extracting(Notice.Delivery::channel)
        .containsExactly("hook", "pager");
  }

  @Test
  void minSeverityKeepsLessSevereAlertsFromAChannel() {
    pipeline("shop", "[{type: duration, sla: 30m, severity: error, channels: [hook, pager]}]");

    engine.onRun(
        "shop",
        run(
            "r1",
            "shop",
            RunStatus.SUCCEEDED,
            clock.instant(),
            Duration.ofMinutes(45),
            Counts.ZERO));

    assertThat(sent.get(0).deliveries())
        .extracting(Notice.Delivery::channel)
        .containsExactly("hook");
  }

  @Test
  void freshnessFiresOnATickAfterMaxAgeAndResolvesWithNewData() {
    pipeline("shop", "[{type: freshness, max_age: 2h}]");
    engine.onRun("shop", run("r1", "shop", RunStatus.SUCCEEDED, clock.instant()));

    clock.advance(Duration.ofMinutes(119));
    engine.tick();
    assertThat(sent).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    engine.tick();
    engine.tick();
    assertThat(kinds()).containsExactly(NoticeKind.FIRED);
    assertThat(only().value()).isEqualTo("2h 1m");

    engine.onRun(
        "shop",
        run(
            "r2",
            "shop",
            RunStatus.SUCCEEDED,
            clock.instant(),
            Duration.ofMinutes(1),
            new Counts(5, 0, 5, 0, 0, 0)));
    assertThat(only().firing()).as("unchanged rows are no new data").isTrue();
    engine.onRun("shop", run("r3", "shop", RunStatus.SUCCEEDED, clock.instant()));
    assertThat(kinds()).containsExactly(NoticeKind.FIRED, NoticeKind.RESOLVED);
  }

  @Test
  void freshnessOfAPipelineThatNeverRanCountsFromItsRegistration() {
    pipeline("shop", "[{type: freshness, max_age: 1h}]");
    clock.advance(Duration.ofMinutes(61));

    engine.tick();

    assertThat(only().summary()).isEqualTo("no new data for 1h 1m (allowed: 1h)");
  }

  @Test
  void errorRateAboveTenPercentOverFiveMinutesFiresAndClearsWhenTheWindowEmpties() {
    pipeline("shop", "[{type: error_rate, min_events: 10}]");
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(10));
      engine.onEvent(
          AlertEvent.httpRequest(
              "shop",
              "api.example.com",
              clock.instant(),
              Duration.ofMillis(80),
              i < 1 ? 503 : 200,
              false));
    }
    assertThat(sent).as("1 of 10 is not above 10 %%").isEmpty();
    clock.advance(Duration.ofSeconds(10));
    engine.onEvent(
        AlertEvent.httpRequest(
            "shop", "api.example.com", clock.instant(), Duration.ofMillis(80), 0, true));

    Alert a = only();
    assertThat(a.source()).isEqualTo("api.example.com");
    assertThat(a.value()).isEqualTo("18.2%");
    assertThat(a.summary()).contains("2 of 11");

    clock.advance(Duration.ofMinutes(6));
    engine.tick();
    assertThat(kinds()).containsExactly(NoticeKind.FIRED, NoticeKind.RESOLVED);
  }

  @Test
  void aResponseSlowerThanSixtySecondsFiresAndTheNextFastOneResolves() {
    pipeline("shop", "[{type: response_time}]");

    engine.onEvent(
        AlertEvent.httpRequest(
            "shop", "api.example.com", null, Duration.ofSeconds(61), 200, false));
    engine.onEvent(
        AlertEvent.httpRequest(
            "shop", "api.example.com", null, Duration.ofSeconds(75), 200, false));
    assertThat(kinds()).containsExactly(NoticeKind.FIRED);
    assertThat(only().value()).isEqualTo("1m 1s");
    engine.onEvent(
        AlertEvent.httpRequest("shop", "api.example.com", null, Duration.ofSeconds(2), 200, false));

    assertThat(kinds()).containsExactly(NoticeKind.FIRED, NoticeKind.RESOLVED);
    assertThat(only().occurrences()).as("grouped").isEqualTo(2);
  }

  @Test
  void quarantineGrowthComparesWithTheAverageOfRecentRuns() {
    pipeline("shop", "[{type: quarantine_growth, factor: 3, min_records: 10, baseline_runs: 3}]");
    long[] quarantined = {40, 4, 6, 5, 14, 16, 2};
    for (int i = 0; i < quarantined.length; i++) {
      clock.advance(Duration.ofMinutes(10));
      engine.onRun(
          "shop",
          run(
              "r" + i,
              "shop",
              RunStatus.SUCCEEDED,
              clock.instant(),
              Duration.ofMinutes(1),
              new Counts(100, 90, 0, 0, quarantined[i], 0)));
    }

    assertThat(sent).isEmpty();
    engine.onRun(
        "shop",
        run(
            "r7",
            "shop",
            RunStatus.SUCCEEDED,
            clock.instant(),
            Duration.ofMinutes(1),
            new Counts(100, 50, 0, 0, 50, 0)));
    Alert a = only();
    assertThat(a.value()).isEqualTo("50");
    assertThat(a.runId()).isEqualTo("r7");
    engine.onRun(
        "shop",
        run(
            "r8",
            "shop",
            RunStatus.SUCCEEDED,
            clock.instant(),
            Duration.ofMinutes(1),
            new Counts(100, 99, 0, 0, 1, 0)));
    assertThat(only().status()).isEqualTo(AlertStatus.RESOLVED);
  }

  @Test
  void anomaliesFireOncePerMetricAndResolveWhenTheyStop() {
    pipeline("shop", "[{type: anomaly, min_score: 3, resolve_after: 30m}]");

    engine.onEvent(
        AlertEvent.anomaly("shop", "orders", clock.instant(), "daily_count", 1200, 300, 2.5));
    assertThat(sent).as("below min_score").isEmpty();
    engine.onEvent(
        AlertEvent.anomaly("shop", "orders", clock.instant(), "daily_count", 1200, 300, 4.2));
    engine.onEvent(
        AlertEvent.anomaly("shop", "orders", clock.instant(), "daily_count", 1300, 300, 4.9));
    engine.onEvent(
        AlertEvent.anomaly("shop", "orders", clock.instant(), "avg_price", 3.5, 12.25, 3.1));

    assertThat(kinds()).containsExactly(NoticeKind.FIRED, NoticeKind.FIRED);
    assertThat(store.list(AlertQuery.all()))
        .extracting(Alert::source)
        .containsExactlyInAnyOrder("daily_count", "avg_price");

    clock.advance(Duration.ofMinutes(30));
    engine.tick();
    assertThat(kinds())
        .containsExactly(
            NoticeKind.FIRED, NoticeKind.FIRED, NoticeKind.RESOLVED, NoticeKind.RESOLVED);
  }

  @Test
  void eventRuleFiresOnItsEventAndResolvesOnTheResolvingOne() {
    ConfigReader.Global g =
        Yaml.global(
            GLOBAL
                + "rules:\n  - {type: event, name: invalid-file, event: pipeline_invalid, resolve_on: pipeline_loaded}\n");
    engine = newEngine(g);

    engine.onEvent(new AlertEvent("pipeline_invalid", "shop", "shop.yaml", null, null, Map.of()));
    engine.onEvent(new AlertEvent("pipeline_invalid", "shop", "shop.yaml", null, null, Map.of()));
    assertThat(kinds()).containsExactly(NoticeKind.FIRED);
    assertThat(only().ruleId()).isEqualTo("global:invalid-file");

    engine.onEvent(new AlertEvent("pipeline_loaded", "shop", null, null, null, Map.of()));
    assertThat(kinds()).containsExactly(NoticeKind.FIRED, NoticeKind.RESOLVED);
  }

  @Test
  void anInvalidFileWithoutAPipelineResolvesWhenItsFileLoadsAndNeverExpiresMeanwhile() {
    ConfigReader.Global g =
        Yaml.global(
            GLOBAL
                + "rules:\n  - {type: event, name: invalid-file, event: pipeline_invalid,"
                + " resolve_on: pipeline_loaded, resolve_after: never}\n");
    engine = newEngine(g);

    engine.onEvent(new AlertEvent("pipeline_invalid", null, "new.yaml", null, null, Map.of()));
    assertThat(kinds()).containsExactly(NoticeKind.FIRED);
    assertThat(only().source()).isEqualTo("new.yaml");

    clock.advance(Duration.ofDays(2));
    engine.tick();
    assertThat(only().firing()).as("'never' keeps it open until the file is fixed").isTrue();

    // another file loading resolves nothing; this one's does
    engine.onEvent(new AlertEvent("pipeline_loaded", "other", "other.yaml", null, null, Map.of()));
    assertThat(only().firing()).isTrue();
    engine.onEvent(new AlertEvent("pipeline_loaded", "new", "new.yaml", null, null, Map.of()));
    // open for two days, so reminded once, then resolved
    assertThat(kinds()).containsExactly(NoticeKind.FIRED, NoticeKind.REMINDER, NoticeKind.RESOLVED);
    assertThat(only().firing()).isFalse();
  }

  @Test
  void globalRulesApplyToTheirPipelinesOnly() {
    ConfigReader.Global g =
        Yaml.global(
            GLOBAL
                + "rules:\n  - {type: consecutive_failures, threshold: 1, pipelines: [shop-*]}\n");
    engine = newEngine(g);

    engine.onRun("crm", run("r1", "crm", RunStatus.FAILED, clock.instant()));
    engine.onRun("shop-eu", run("r2", "shop-eu", RunStatus.FAILED, clock.instant()));

    assertThat(only().pipeline()).isEqualTo("shop-eu");
  }

  @Test
  void stateSurvivesARestartOfTheStore() {
    pipeline("shop", "[{type: consecutive_failures}]");
    runs("shop", RunStatus.FAILED, RunStatus.FAILED);
    store.close();

    store = FileAlertStore.open(dir.resolve("alerts.json"));
    engine = newEngine(global);
    pipeline("shop", "[{type: consecutive_failures}]");
    runs("shop", RunStatus.FAILED);

    assertThat(kinds()).containsExactly(NoticeKind.FIRED);
  }

  @Test
  void removingARuleResolvesItsOpenAlert() {
    pipeline("shop", "[{type: consecutive_failures, threshold: 1}, {type: freshness}]");
    runs("shop", RunStatus.FAILED);

    pipeline("shop", "[{type: freshness}]");

    assertThat(kinds()).containsExactly(NoticeKind.FIRED, NoticeKind.RESOLVED);
    assertThat(only().history())
        .extracting(Alert.Entry::what)
        .last()
        .asString()
        .contains("rule was removed");
  }

  @Test
  void anAlertWithoutChannelsIsRecordedButNotSent() {
    ConfigReader.Global g = Yaml.global("channels: {}\n");
    engine = newEngine(g);
    engine.register(
        Yaml.pipeline("shop", "[{type: consecutive_failures, threshold: 1}]", Set.of(), g));

    engine.onRun("shop", run("r1", "shop", RunStatus.FAILED, clock.instant()));

    assertThat(sent).isEmpty();
    assertThat(only().firing()).isTrue();
  }

  @Test
  void idsDifferForIncidentsOfOneSubjectAtTheSameInstant() {
    pipeline("shop", "[{type: consecutive_failures, threshold: 1}]");
    Instant t = clock.instant();
    engine.onRun("shop", run("r1", "shop", RunStatus.FAILED, t));
    engine.onRun("shop", run("r2", "shop", RunStatus.SUCCEEDED, t));
    engine.onRun("shop", run("r3", "shop", RunStatus.FAILED, t));

    assertThat(store.list(AlertQuery.all()))
        .extracting(Alert::id)
        .doesNotHaveDuplicates()
        .hasSize(2);
  }

  @Test
  void openAlertsOfAGlobalRuleThatIsGoneResolveAtStart() {
    engine =
        newEngine(Yaml.global(GLOBAL + "rules:\n  - {type: consecutive_failures, threshold: 1}\n"));
    engine.onRun("crm", run("r1", "crm", RunStatus.FAILED, clock.instant()));
    engine.start();
    assertThat(kinds()).containsExactly(NoticeKind.FIRED);

    engine = newEngine(global);
    engine.start();

    assertThat(kinds()).containsExactly(NoticeKind.FIRED, NoticeKind.RESOLVED);
    assertThat(only().history())
        .extracting(Alert.Entry::what)
        .last()
        .asString()
        .contains("removed from the global alerts file");
  }
}
