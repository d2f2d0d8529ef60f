package io.tributary.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void shortFormsCombinationsAndIsoAreRead() {
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).contains(Duration.ofSeconds(30));
    assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(Durations.parse("1d")).contains(Duration.ofDays(1));
    assertThat(Durations.parse("PT2H")).contains(Duration.ofHours(2));
    assertThat(Durations.parse(" 2H ")).contains(Duration.ofHours(2));
  }

  @Test
  void anythingElseIsNotADuration() {
    assertThat(Durations.parse("two hours")).isEmpty();
    assertThat(Durations.parse("10")).isEmpty();
    assertThat(Durations.parse("5x")).isEmpty();
    assertThat(Durations.parse("")).isEmpty();
    assertThat(Durations.parse("P")).isEmpty();
    assertThat(Durations.parse(null)).isEmpty();
  }

  @Test
  void formatIsForPeople() {
    assertThat(Durations.format(Duration.ofMillis(350))).isEqualTo("350ms");
    assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Durations.format(Duration.ofMinutes(125))).isEqualTo("2h 5m");
    assertThat(Durations.format(Duration.ofHours(26))).isEqualTo("1d 2h");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
  }
}
