package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.schedule.RunFinished;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunLogsTest {
  final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void keepsTheNewestLinesPerRunAndCountsTheDropped() {
    RunLogs logs = new RunLogs(clock, 3, 10);
    logs.started("r1", "p", List.of("s"));
    for (int i = 1; i <= 4; i++) {
      logs.progress("r1", "s", new Counts(i, i, 0, 0, 0, 0));
    }
    RunLogs.Tail t = logs.tail("r1").orElseThrow();
    assertThat(t.lines()).hasSize(3);
    assertThat(t.dropped()).isEqualTo(2);
    assertThat(t.lines().getFirst()).contains("2 read");
    assertThat(t.lines().getLast()).startsWith("2025-01-01T00:00:00Z INFO").contains("4 read");
  }

  @Test
  void forgetsTheOldestRunsBeyondItsBound() {
    RunLogs logs = new RunLogs(clock, 10, 2);
    logs.started("r1", "p", List.of());
    logs.started("r2", "p", List.of());
    logs.started("r3", "p", List.of());
    assertThat(logs.tail("r1")).isEmpty();
    assertThat(logs.tail("r2")).isPresent();
    assertThat(logs.tail("r3")).isPresent();
  }

  @Test
  void endOfRunAndRetryAreLogged() {
    RunLogs logs = new RunLogs(clock, 10, 2);
    RunInfo run =
        new RunInfo(
            "r1",
            "p",
            "schedule",
            RunStatus.FAILED,
            clock.instant(),
            clock.instant(),
            Counts.ZERO,
            List.of(),
            "s: the source said no",
            Map.of());
    logs.streamFinished("r1", "s", Counts.ZERO, "the source said no");
    logs.runFinished(new RunFinished(run, "src", 1, Instant.parse("2025-01-01T00:01:00Z"), 1));
    List<String> lines = logs.tail("r1").orElseThrow().lines();
    assertThat(lines.get(0)).contains("WARN stream s ended with an error: the source said no");
    assertThat(lines.get(1))
        .contains("run failed in 0 ms")
        .contains("error: s: the source said no");
    assertThat(lines.get(2)).contains("retry 1 scheduled at 2025-01-01T00:01:00Z");
  }
}
