package io.tributary.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.config.ScheduleConfig;
import io.tributary.spi.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Schedule cron(String expr, String zone) {
    return Schedule.of(new ScheduleConfig(expr, null, null, zone, "run_once"));
  }

  static List<Instant> fires(Schedule s, Instant from, int n) {
    List<Instant> out = new ArrayList<>();
    Instant t = from;
    for (int i = 0; i < n; i++) {
      t = s.nextAfter(t).orElseThrow();
      out.add(t);
    }
    return out;
  }

  static Instant berlin(int y, int mo, int d, int h, int mi) {
    return ZonedDateTime.of(y, mo, d, h, mi, 0, 0, BERLIN).toInstant();
  }

  @Test
  void fiveFieldCronFiresEverySixHoursInItsZone() {
    Schedule s = cron("0 */6 * * *", "Europe/Berlin");
    List<Instant> f = fires(s, berlin(2025, 1, 10, 5, 0), 3);
    assertThat(f)
        .containsExactly(
            berlin(2025, 1, 10, 6, 0), berlin(2025, 1, 10, 12, 0), berlin(2025, 1, 10, 18, 0));
    assertThat(f.getFirst()).isEqualTo(Instant.parse("2025-01-10T05:00:00Z"));
  }

  @Test
  void sixFieldCronHasSecondsFirst() {
    Schedule s = cron("*/20 * * * * *", "UTC");
    assertThat(fires(s, Instant.parse("2025-01-01T00:00:05Z"), 3))
        .containsExactly(
            Instant.parse("2025-01-01T00:00:20Z"),
            Instant.parse("2025-01-01T00:00:40Z"),
            Instant.parse("2025-01-01T00:01:00Z"));
  }

  @Test
  void springForwardSlotThatDoesNotExistFiresOnceShifted() {
    // Europe/Berlin, 2025-03-30: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist
    Schedule s = cron("30 2 * * *", "Europe/Berlin");
    List<Instant> f = fires(s, berlin(2025, 3, 29, 12, 0), 3);
    assertThat(f.get(0)).isEqualTo(Instant.parse("2025-03-30T01:30:00Z")); // 03:30 CEST
    assertThat(f.get(1)).isEqualTo(Instant.parse("2025-03-31T00:30:00Z")); // 02:30 CEST
    assertThat(f.get(0).atZone(BERLIN).toLocalTime().toString()).isEqualTo("03:30");
  }

  @Test
  void fallBackSlotThatHappensTwiceFiresOnce() {
    // Europe/Berlin, 2025-10-26: 03:00 CEST goes back to 02:00 CET; 02:30 happens twice
    Schedule s = cron("30 2 * * *", "Europe/Berlin");
    List<Instant> f = fires(s, berlin(2025, 10, 25, 12, 0), 2);
    assertThat(f.get(0)).isEqualTo(Instant.parse("2025-10-26T00:30:00Z")); // first 02:30 (CEST)
    assertThat(f.get(1)).isEqualTo(Instant.parse("2025-10-27T01:30:00Z")); // next day, CET
  }

  @Test
  void quarterHourCronAcrossFallBackFiresEachWallClockSlotOnce() {
    Schedule s = cron("*/15 * * * *", "Europe/Berlin");
    Instant from = Instant.parse("2025-10-25T23:50:00Z"); // 01:50 CEST
    List<Instant> f = fires(s, from, 6);
    List<String> local = f.stream().map(i -> i.atZone(BERLIN).toLocalTime().toString()).toList();
    // 02:00..02:45 once (summer time), then straight to 03:00 (winter time)
    assertThat(local).containsExactly("02:00", "02:15", "02:30", "02:45", "03:00", "03:15");
    assertThat(Duration.between(f.get(3), f.get(4))).isEqualTo(Duration.ofMinutes(75));
  }

  @Test
  void hourlyCronAcrossSpringForwardNeverFiresTwiceAtTheSameInstant() {
    Schedule s = cron("0 * * * *", "Europe/Berlin");
    List<Instant> f = fires(s, Instant.parse("2025-03-29T23:30:00Z"), 4); // 00:30 CET
    assertThat(f)
        .containsExactly(
            Instant.parse("2025-03-30T00:00:00Z"), // 01:00 CET
            Instant.parse("2025-03-30T01:00:00Z"), // 02:00 -> 03:00 CEST (shifted)
            Instant.parse("2025-03-30T02:00:00Z"), // 04:00 CEST
            Instant.parse("2025-03-30T03:00:00Z"));
    assertThat(f).doesNotHaveDuplicates();
  }

  @Test
  void dayOfMonthAndDayOfWeekBothRestrictedMatchEither() {
    Schedule s = cron("0 0 15 * MON", "UTC");
    // 2025-01-13 is a Monday, 2025-01-15 a Wednesday, 2025-01-20 a Monday
    assertThat(fires(s, Instant.parse("2025-01-12T00:00:00Z"), 3))
        .containsExactly(
            Instant.parse("2025-01-13T00:00:00Z"),
            Instant.parse("2025-01-15T00:00:00Z"),
            Instant.parse("2025-01-20T00:00:00Z"));
  }

  @Test
  void everyIsAlignedToTheEpochSoRestartsDoNotShiftIt() {
    Schedule s = Schedule.of(new ScheduleConfig(null, "6h", null, "UTC", null));
    assertThat(fires(s, Instant.parse("2025-01-01T07:13:00Z"), 2))
        .containsExactly(
            Instant.parse("2025-01-01T12:00:00Z"), Instant.parse("2025-01-01T18:00:00Z"));
    assertThat(Schedule.parseInterval("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Schedule.parseInterval("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Schedule.parseInterval("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(s.describe()).isEqualTo("every 6h");
  }

  @Test
  void atFiresOnceAndThenNever() {
    Schedule s = Schedule.of(new ScheduleConfig(null, null, "2026-12-01T06:00:00Z", "UTC", null));
    Instant at = Instant.parse("2026-12-01T06:00:00Z");
    assertThat(s.nextAfter(at.minusSeconds(1))).contains(at);
    assertThat(s.nextAfter(at)).isEmpty();
  }

  @Test
  void noScheduleMeansManual() {
    assertThat(Schedule.of(null).nextAfter(Instant.EPOCH)).isEmpty();
    assertThat(Schedule.of(null).kind()).isEqualTo("manual");
  }

  @Test
  void firesBetweenKeepsTheNewestAndCountsAll() {
    Schedule s = Schedule.of(new ScheduleConfig(null, "1h", null, "UTC", null));
    Schedule.Missed m =
        s.firesBetween(
            Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T10:30:00Z"), 3, 1000);
    assertThat(m.total()).isEqualTo(10);
    assertThat(m.newest())
        .containsExactly(
            Instant.parse("2025-01-01T08:00:00Z"),
            Instant.parse("2025-01-01T09:00:00Z"),
            Instant.parse("2025-01-01T10:00:00Z"));
  }

  @Test
  void badValuesAreReportedWithTheirKeyAndWhatToWrite() {
    assertThatThrownBy(() -> cron("0 0 * *", "UTC"))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              var p = ((ConfigException) e).problems().getFirst();
              assertThat(p.path()).isEqualTo("schedule.cron");
              assertThat(p.message()).contains("5 fields").contains("has 4");
            });
    assertThatThrownBy(() -> cron("0 0 * * *", "Mars/Olympus"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schedule.timezone")
        .hasMessageContaining("Europe/Berlin");
    assertThatThrownBy(() -> Schedule.of(new ScheduleConfig(null, "6x", null, null, null)))
        .hasMessageContaining("30s, 15m, 6h, 1d");
    assertThatThrownBy(() -> Schedule.of(new ScheduleConfig("* * * * *", "1h", null, null, null)))
        .hasMessageContaining("exactly one of 'cron', 'every' or 'at'");
  }

  @Test
  void catchUpPolicies() {
    assertThat(CatchUp.parse("skip", 5).runsFor(7)).isZero();
    assertThat(CatchUp.parse("run_once", 5).runsFor(7)).isEqualTo(1);
    assertThat(CatchUp.parse("run_all", 5).runsFor(7)).isEqualTo(5);
    assertThat(CatchUp.parse("run_all", 5).runsFor(2)).isEqualTo(2);
    assertThatThrownBy(() -> CatchUp.parse("all", 5))
        .hasMessageContaining("skip, run_once, run_all");
  }

  @Test
  void retryBackoffGrowsAndIsCapped() {
    RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(10), 3, Duration.ofMinutes(2));
    assertThat(p.delay(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.delay(2)).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.delay(3)).isEqualTo(Duration.ofSeconds(90));
    assertThat(p.delay(4)).isEqualTo(Duration.ofMinutes(2));
  }
}
