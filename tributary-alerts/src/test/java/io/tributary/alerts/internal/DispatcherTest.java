package io.tributary.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.alerts.Alert;
import io.tributary.alerts.AlertStatus;
import io.tributary.alerts.AlertStore;
import io.tributary.alerts.DeliveryState;
import io.tributary.alerts.Notice;
import io.tributary.alerts.NoticeKind;
import io.tributary.alerts.Notification;
import io.tributary.alerts.Severity;
import io.tributary.alerts.TestClock;
import io.tributary.alerts.internal.channel.Channel;
import io.tributary.alerts.internal.channel.DeliveryException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery queue with an in-process channel that records, fails or blocks as told (the HTTP and
 * SMTP channels are tested against real servers in the *IT tests).
 */
class DispatcherTest {
  TestClock clock = TestClock.at("2026-03-01T10:00:00Z");
  AlertStore store = AlertStore.inMemory();
  Counters counters = new Counters();
  Dispatcher dispatcher;

  /** Records what it is sent; answers with the queued outcomes, then succeeds. */
  final class Recorder implements Channel {
    final List<String> keys = new CopyOnWriteArrayList<>();
    final ArrayDeque<DeliveryException> failures = new ArrayDeque<>();
    volatile CountDownLatch gate;
    final ChannelDef def =
        Yaml.global("channels: {c: {type: slack, url: 'http://127.0.0.1:9/'}}").channels().get("c");

    @Override
    public ChannelDef def() {
      return def;
    }

    @Override
    public boolean accepts(NoticeKind kind) {
      return true;
    }

    @Override
    public void send(Notification n) throws DeliveryException {
      CountDownLatch g = gate;
      if (g != null) {
        try {
          g.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          throw DeliveryException.retriable("interrupted");
        }
      }
      synchronized (failures) {
        if (!failures.isEmpty()) {
          throw failures.poll();
        }
      }
      keys.add(n.idempotencyKey());
    }
  }

  Recorder channel = new Recorder();

  @AfterEach
  void close() {
    if (channel.gate != null) {
      channel.gate.countDown();
    }
    if (dispatcher != null) {
      dispatcher.close();
    }
    store.close();
  }

  Dispatcher dispatcher(int capacity, int attempts) {
    return dispatcher(capacity, attempts, 2);
  }

  Dispatcher dispatcher(int capacity, int attempts, int concurrency) {
    DeliverySettings s =
        new DeliverySettings(
            capacity,
            attempts,
            Duration.ofMillis(5),
            Duration.ofMillis(20),
            concurrency,
            Duration.ofMillis(200));
    return new Dispatcher(
        s, store, id -> id.equals("c") ? Optional.of(channel) : Optional.empty(), clock, counters);
  }

  /** Stores an alert with one notice of {@code kind} to channel c and submits it. */
  Alert submit(String id, Severity severity, NoticeKind kind) {
    Alert a =
        new Alert.Builder()
            .id(id)
            .ruleId("shop/r")
            .rule("r")
            .ruleType("duration")
            .severity(severity)
            .pipeline("shop")
            .status(AlertStatus.FIRING)
            .summary("s")
            .firedAt(clock.instant())
            .channels(List.of("c"))
            .build();
    a = store.get(id).orElse(a);
    Notice n =
        new Notice(
            MessageText.notification(a, kind, clock.instant(), new Scrubber(Set.of())),
            List.of(new Notice.Delivery("c", DeliveryState.PENDING, 0, null, clock.instant())));
    a = a.toBuilder().addNotice(n).build();
    store.put(a);
    dispatcher.submit(a, n);
    return a;
  }

  DeliveryState state(String alertId, String noticeKey) {
    return store
        .get(alertId)
        .orElseThrow()
        .notice(noticeKey)
        .orElseThrow()
        .deliveries()
        .get(0)
        .state();
  }

  @Test
  void aFullQueueDropsTheOldestOfTheLeastSevereAndCountsIt() throws Exception {
    dispatcher = dispatcher(3, 3, 1);
    channel.gate = new CountDownLatch(1);
    submit("busy", Severity.INFO, NoticeKind.FIRED);
    await().until(() -> channel.gate.getCount() == 1 && dispatcher.queued() == 1);
    submit("info-old", Severity.INFO, NoticeKind.FIRED);
    submit("info-new", Severity.INFO, NoticeKind.FIRED);

    submit("error", Severity.ERROR, NoticeKind.FIRED);
    assertThat(state("info-old", "info-old.fired")).isEqualTo(DeliveryState.DROPPED);
    submit("info-newest", Severity.INFO, NoticeKind.FIRED);
    assertThat(state("info-new", "info-new.fired")).isEqualTo(DeliveryState.DROPPED);
    submit("warning", Severity.WARNING, NoticeKind.FIRED);
    assertThat(state("info-newest", "info-newest.fired")).isEqualTo(DeliveryState.DROPPED);
    submit("info-late", Severity.INFO, NoticeKind.FIRED);

    assertThat(state("info-late", "info-late.fired"))
        .as("less severe than everything queued")
        .isEqualTo(DeliveryState.DROPPED);
    assertThat(counters.dropped.get()).isEqualTo(4);
    assertThat(store.get("info-old").orElseThrow().history())
        .extracting(Alert.Entry::what)
        .last()
        .asString()
        .contains("queue was full");
    channel.gate.countDown();
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(channel.keys).containsExactly("busy.fired", "error.fired", "warning.fired");
  }

  @Test
  void notificationsOfOneAlertReachAChannelInOrderEvenWhenTheFirstIsRetried() throws Exception {
    dispatcher = dispatcher(10, 5);
    channel.failures.add(DeliveryException.retriable("HTTP 503"));
    channel.failures.add(DeliveryException.retriable("HTTP 503"));

    submit("a", Severity.ERROR, NoticeKind.FIRED);
    submit("a", Severity.ERROR, NoticeKind.RESOLVED);

    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(channel.keys).containsExactly("a.fired", "a.resolved");
    Notice.Delivery fired =
        store.get("a").orElseThrow().notice("a.fired").orElseThrow().deliveries().get(0);
    assertThat(fired.state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(fired.attempts()).isEqualTo(3);
    assertThat(counters.retried.get()).isEqualTo(2);
  }

  @Test
  void aDeliveryIsGivenUpAfterMaxAttemptsAndAPermanentErrorAtOnce() throws Exception {
    dispatcher = dispatcher(10, 2);
    for (int i = 0; i < 2; i++) {
      channel.failures.add(DeliveryException.retriable("HTTP 500"));
    }
    submit("a", Severity.ERROR, NoticeKind.FIRED);
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(5))).isTrue();
    channel.failures.add(DeliveryException.permanent("HTTP 404"));
    submit("b", Severity.ERROR, NoticeKind.FIRED);
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(5))).isTrue();

    Notice.Delivery a = store.get("a").orElseThrow().notices().get(0).deliveries().get(0);
    assertThat(a.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(a.attempts()).isEqualTo(2);
    assertThat(a.error()).isEqualTo("HTTP 500");
    Notice.Delivery b = store.get("b").orElseThrow().notices().get(0).deliveries().get(0);
    assertThat(b.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(b.attempts()).isEqualTo(1);
    assertThat(channel.keys).isEmpty();
    assertThat(counters.failed.get()).isEqualTo(2);
  }

  @Test
  void aNoticeAlreadyDeliveredIsNotSentAgain() throws Exception {
    dispatcher = dispatcher(10, 3);
    Alert a = submit("a", Severity.ERROR, NoticeKind.FIRED);
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(5))).isTrue();

    Alert stored = store.get("a").orElseThrow();
    dispatcher.submit(stored, a.notices().get(0));
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(5))).isTrue();

    assertThat(channel.keys).containsExactly("a.fired");
    assertThat(counters.deduplicated.get()).isEqualTo(1);
  }

  @Test
  void submitNeverBlocksWhileTheChannelHangs() throws Exception {
    dispatcher = dispatcher(5, 3);
    channel.gate = new CountDownLatch(1);
    submit("first", Severity.ERROR, NoticeKind.FIRED);
    await().until(() -> dispatcher.queued() == 1);

    long start = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      submit("x" + i, Severity.WARNING, NoticeKind.FIRED);
    }
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(channel.gate.getCount()).as("the channel is still hanging").isEqualTo(1);
    assertThat(tookMs).isLessThan(2_000);
    assertThat(dispatcher.queued()).isEqualTo(5);
    assertThat(counters.dropped.get()).isEqualTo(196);
    assertThat(channel.keys).isEmpty();
  }
}
