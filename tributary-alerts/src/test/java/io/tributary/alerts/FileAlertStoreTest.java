package io.tributary.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAlertStoreTest {
  @TempDir Path dir;
  Instant t0 = Instant.parse("2026-03-01T10:00:00Z");

  Alert alert(String id, AlertStatus status, Instant firedAt) {
    return new Alert.Builder()
        .id(id)
        .ruleId("shop/consecutive_failures")
        .rule("consecutive_failures")
        .ruleType("consecutive_failures")
        .severity(Severity.ERROR)
        .pipeline("shop")
        .status(status)
        .summary("3 failed runs in a row")
        .firedAt(firedAt)
        .resolvedAt(status == AlertStatus.RESOLVED ? firedAt.plusSeconds(60) : null)
        .occurrences(1)
        .addHistory(firedAt, "fired")
        .build();
  }

  @Test
  void alertsAcknowledgementsAndStatesSurviveAReopen() {
    Path file = dir.resolve("data/alerts.json");
    try (FileAlertStore store = FileAlertStore.open(file)) {
      store.put(alert("a1", AlertStatus.FIRING, t0));
      store.update("a1", a -> a.toBuilder().acknowledgedAt(t0).acknowledgedBy("alice").build());
      store.putState(RuleState.initial("k1", t0).withStreak(2));
    }

    try (FileAlertStore store = FileAlertStore.open(file)) {
      Alert a = store.get("a1").orElseThrow();
      assertThat(a.acknowledgedBy()).isEqualTo("alice");
      assertThat(a.severity()).isEqualTo(Severity.ERROR);
      assertThat(a.history()).extracting(Alert.Entry::what).containsExactly("fired");
      assertThat(store.state("k1").orElseThrow().streak()).isEqualTo(2);
    }
    assertThat(dir.resolve("data")).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void listIsNewestFirstFilteredAndPaged() {
    try (AlertStore store = AlertStore.inMemory()) {
      store.put(alert("a1", AlertStatus.RESOLVED, t0));
      store.put(alert("a2", AlertStatus.FIRING, t0.plusSeconds(10)));
      store.put(alert("a3", AlertStatus.FIRING, t0.plusSeconds(20)));

      assertThat(store.list(AlertQuery.all()))
          .extracting(Alert::id)
          .containsExactly("a3", "a2", "a1");
      assertThat(store.list(AlertQuery.all().withStatus(AlertStatus.FIRING).page(1, 5)))
          .extracting(Alert::id)
          .containsExactly("a2");
      assertThat(store.list(AlertQuery.all().withPipeline("crm"))).isEmpty();
    }
  }

  @Test
  void onlyTheNewestResolvedAlertsAreKeptAndFiringOnesAlways() {
    try (FileAlertStore store = FileAlertStore.open(dir.resolve("alerts.json"), 2)) {
      store.put(alert("old-firing", AlertStatus.FIRING, t0));
      for (int i = 0; i < 4; i++) {
        store.put(alert("r" + i, AlertStatus.RESOLVED, t0.plusSeconds(i)));
      }

      assertThat(store.list(AlertQuery.all()))
          .extracting(Alert::id)
          .containsExactlyInAnyOrder("old-firing", "r2", "r3");
    }
  }

  @Test
  void aSecondProcessCannotOpenTheSameFile() {
    Path file = dir.resolve("alerts.json");
    try (FileAlertStore first = FileAlertStore.open(file)) {
      assertThat(first.file()).isEqualTo(file.toAbsolutePath());
      assertThatThrownBy(() -> FileAlertStore.open(file))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use by another Tributary process");
    }
  }

  @Test
  void aDamagedFileIsReportedAndLeftUntouched() throws IOException {
    Path file =
        Files.writeString(dir.resolve("alerts.json"), "{\"version\":1,\"alerts\":[{\"id\":");

    assertThatThrownBy(() -> FileAlertStore.open(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not valid")
        .hasMessageContaining("move it away");
    assertThat(Files.readString(file)).isEqualTo("{\"version\":1,\"alerts\":[{\"id\":");
    try (FileAlertStore reopened = FileAlertStore.open(dir.resolve("other.json"))) {
      assertThat(reopened.list(AlertQuery.all())).isEmpty();
    }
  }

  @Test
  void atomicallyWritesOnceAndIsolatesOtherThreads() throws Exception {
    Path file = dir.resolve("alerts.json");
    try (FileAlertStore store = FileAlertStore.open(file)) {
      store.atomically(
          () -> {
            store.put(alert("a1", AlertStatus.FIRING, t0));
            assertThat(file).doesNotExist();
            store.putState(RuleState.initial("k", t0));
          });
      assertThat(file).exists();
      assertThat(Files.readString(file)).contains("\"a1\"", "\"k\"");

      List<Thread> threads = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      for (int j = 0; j < 25; j++) {
                        store.update(
                            "a1", a -> a.toBuilder().occurrences(a.occurrences() + 1).build());
                      }
                    }));
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(store.get("a1").orElseThrow().occurrences()).isEqualTo(201);
    }
  }
}
