package io.tributary.engine.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cron expression evaluated on the wall clock of a time zone.
 *
 * <p>cron-utils parses the expression and finds matching local date-times on a timeline without
 * daylight-saving changes (UTC used as a plain calendar); this class maps each local slot to an
 * instant itself, so that every wall-clock slot fires exactly once:
 *
 * <ul>
 *   <li>a slot that happens twice (clocks go back) fires at its first occurrence only;
 *   <li>a slot that does not exist (clocks go forward) fires once, shifted forward by the length of
 *       the gap (02:30 becomes 03:30), and never twice when it lands on an existing slot.
 * </ul>
 *
 * When both day-of-month and day-of-week are restricted, a day matches if either does (as in Unix
 * cron). Immutable and thread-safe.
 */
final class WallClockCron {
  private static final CronParser FIVE = new CronParser(definition(false));
  private static final CronParser SIX = new CronParser(definition(true));
  private static final int MAX_STEPS = 10_000;

  private final String text;
  private final ZoneId zone;
  private final List<ExecutionTime> alternatives;

  private WallClockCron(String text, ZoneId zone, List<ExecutionTime> alternatives) {
    this.text = text;
    this.zone = zone;
    this.alternatives = alternatives;
  }

  /**
   * Parses a 5-field (minute first) or 6-field (second first) expression.
   *
   * @throws IllegalArgumentException with a message saying what to write
   */
  static WallClockCron parse(String text, ZoneId zone) {
    String[] fields = text.trim().split("\\s+");
    if (fields.length != 5 && fields.length != 6) {
      throw new IllegalArgumentException(
          "a cron expression has 5 fields (minute hour day-of-month month day-of-week) or 6 with"
              + " seconds first, but '"
              + text
              + "' has "
              + fields.length);
    }
    boolean seconds = fields.length == 6;
    int dom = seconds ? 3 : 2;
    int dow = dom + 2;
    List<String> variants = new ArrayList<>();
    if (restricted(fields[dom]) && restricted(fields[dow])) {
      // Unix cron: a day matches when either day field matches
      String[] byDom = fields.clone();
      byDom[dow] = "?";
      String[] byDow = fields.clone();
      byDow[dom] = "?";
      variants.add(String.join(" ", byDom));
      variants.add(String.join(" ", byDow));
    } else {
      variants.add(String.join(" ", fields));
    }
    List<ExecutionTime> times = new ArrayList<>();
    for (String v : variants) {
      Cron cron;
      try {
        cron = (seconds ? SIX : FIVE).parse(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a valid cron expression: " + e.getMessage(), e);
      }
      times.add(ExecutionTime.forCron(cron));
    }
    return new WallClockCron(text.trim(), zone, List.copyOf(times));
  }

  private static boolean restricted(String field) {
    return !field.equals("*") && !field.equals("?");
  }

  String text() {
    return text;
  }

  ZoneId zone() {
    return zone;
  }

  /** The first fire instant strictly after {@code after}, or empty if there is none. */
  Optional<Instant> nextAfter(Instant after) {
    LocalDateTime local = LocalDateTime.ofInstant(after, zone);
    for (int i = 0; i < MAX_STEPS; i++) {
      Optional<LocalDateTime> slot = nextLocal(local);
      if (slot.isEmpty()) {
        return Optional.empty();
      }
      // ofLocal: in an overlap the earlier offset (first occurrence), in a gap shifted forward
      Instant at = ZonedDateTime.ofLocal(slot.get(), zone, null).toInstant();
      if (at.isAfter(after)) {
        return Optional.of(at);
      }
      // the slot's first occurrence already passed (we are in the repeated hour), or a shifted
      // slot landed on or before 'after': look further
      local = slot.get();
    }
    return Optional.empty();
  }

  private Optional<LocalDateTime> nextLocal(LocalDateTime after) {
    ZonedDateTime plain = after.atZone(ZoneOffset.UTC);
    LocalDateTime best = null;
    for (ExecutionTime t : alternatives) {
      Optional<ZonedDateTime> n = t.nextExecution(plain);
      if (n.isPresent()) {
        LocalDateTime l = n.get().toLocalDateTime();
        if (best == null || l.isBefore(best)) {
          best = l;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static CronDefinition definition(boolean seconds) {
    CronDefinitionBuilder b = CronDefinitionBuilder.defineCron();
    if (seconds) {
      b = b.withSeconds().withValidRange(0, 59).and();
    }
    return b.withMinutes()
        .withValidRange(0, 59)
        .and()
        .withHours()
        .withValidRange(0, 23)
        .and()
        .withDayOfMonth()
        .withValidRange(1, 31)
        .supportsL()
        .supportsW()
        .supportsLW()
        .supportsQuestionMark()
        .and()
        .withMonth()
        .withValidRange(1, 12)
        .and()
        .withDayOfWeek()
        .withValidRange(0, 7)
        .withMondayDoWValue(1)
        .withIntMapping(7, 0)
        .supportsHash()
        .supportsL()
        .supportsQuestionMark()
        .and()
        .instance();
  }
}
