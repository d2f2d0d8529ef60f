package io.tributary.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleSyntaxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 */6 * * *",
        "*/15 9-17 * * MON-FRI",
        "0 0 1,15 * *",
        "0 0 12 ? * WED",
        "30 0 0 L * ?",
        "0 0 15W * *",
        "0 0 * * 5#3",
        "0 0 * * 5L",
        "0 0 * JAN-MAR,dec SUN",
        "0 0 1-31/2 * 0-7",
        "  5  4 * * *  "
      })
  void acceptsCronExpressionsOfFiveOrSixFields(String cron) {
    assertThat(ScheduleSyntax.cron(cron)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "* * *         | a cron expression has 5 or 6 fields but this one has 3",
        "* * * * * * * | a cron expression has 5 or 6 fields but this one has 7",
        "60 * * * *              | cron field 1 (minute) '60' is out of range 0-59",
        "0 24 * * *              | cron field 2 (hour) '24' is out of range 0-23",
        "0 0 0 * *               | cron field 3 (day of month) '0' is out of range 1-31",
        "0 0 * 13 *              | cron field 4 (month) '13' is out of range 1-12",
        "0 0 * * 8               | cron field 5 (day of week) '8' is out of range 0-7",
        "61 0 0 * * *            | cron field 1 (second) '61' is out of range 0-59",
        "*/0 * * * *             | cron field 1 (minute) '*/0' has a step of 0",
        "5-1 * * * *             | cron field 1 (minute) '5-1' is a range whose start is after its end",
        "0 0 * FOO *             | cron field 4 (month) 'FOO' is not a valid value; use 1-12 or JAN-DEC",
        "1,,2 * * * *            | cron field 1 (minute) '1,,2' has an empty list entry",
        "? * * * *               | cron field 1 (minute) '?' is not a value, range (a-b), list (a,b) or step (*/n)"
      })
  void rejectsMalformedCronExpressionsNamingTheField(String cron, String message) {
    assertThat(ScheduleSyntax.cron(cron))
        .startsWith(message)
        .endsWith(
            "; write 5 fields (minute hour day-of-month month day-of-week), or 6 with"
                + " seconds first, e.g. \"0 */6 * * *\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"30s", "15m", "6h", "1d", "999999999s"})
  void acceptsIntervals(String every) {
    assertThat(ScheduleSyntax.every(every)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "6 h", "6H", "1w", "h", "1000000000s", "-1m"})
  void rejectsMalformedIntervals(String every) {
    assertThat(ScheduleSyntax.every(every)).isNotNull().contains("e.g. 30s, 15m, 6h, 1d");
  }

  @Test
  void atNeedsAnInstantWithAnOffset() {
    assertThat(ScheduleSyntax.at("2026-12-01T06:00:00Z")).isNull();
    assertThat(ScheduleSyntax.at("2026-12-01T06:00:00+01:00")).isNull();
    assertThat(ScheduleSyntax.at("2026-12-01T06:00:00")).contains("with an offset");
    assertThat(ScheduleSyntax.at("tomorrow")).contains("ISO-8601");
  }

  @Test
  void timezoneMustBeKnownAndAClosePlaceIsSuggested() {
    assertThat(ScheduleSyntax.timezone("Europe/Berlin")).isNull();
    assertThat(ScheduleSyntax.timezone("UTC")).isNull();
    assertThat(ScheduleSyntax.timezone("Europe/Berln"))
        .isEqualTo(
            "unknown time zone 'Europe/Berln' (did you mean 'Europe/Berlin'?); use an IANA zone"
                + " name such as UTC or Europe/Berlin");
    assertThat(ScheduleSyntax.timezone("Mars/Olympus")).doesNotContain("did you mean");
  }
}
