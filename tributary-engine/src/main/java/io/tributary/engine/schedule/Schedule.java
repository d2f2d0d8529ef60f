package io.tributary.engine.schedule;

import io.tributary.engine.config.ScheduleConfig;
import io.tributary.spi.ConfigException;
import io.tributary.spi.config.ConfigProblem;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a pipeline fires: a cron expression in a time zone, a fixed interval, one instant, or only
 * when triggered. Immutable values; {@link #nextAfter} is pure, so the scheduler can ask it about
 * any instant (including ones in the past, for catch-up after downtime).
 *
 * <pre>{@code
 * Schedule s = Schedule.of(new ScheduleConfig("0 *\/6 * * *", null, null, "Europe/Berlin", "skip"));
 * Optional<Instant> next = s.nextAfter(clock.instant());
 * }</pre>
 */
public sealed interface Schedule {

  /** The first fire instant strictly after {@code after}; empty when it never fires again. */
  Optional<Instant> nextAfter(Instant after);

  /** A short, stable description, e.g. {@code cron "0 *\/6 * * *" in Europe/Berlin}. */
  String describe();

  /** The schedule's kind on the wire: {@code cron}, {@code every}, {@code at} or {@code manual}. */
  String kind();

  /**
   * Every fire instant in {@code (after, until]}, oldest first, at most {@code limit} of them (the
   * newest {@code limit} when there are more), and how many there were in total (counted up to
   * {@code countLimit}).
   */
  default Missed firesBetween(Instant after, Instant until, int limit, int countLimit) {
    java.util.ArrayDeque<Instant> kept = new java.util.ArrayDeque<>();
    int total = 0;
    Instant cursor = after;
    while (total < countLimit) {
      Optional<Instant> next = nextAfter(cursor);
      if (next.isEmpty() || next.get().isAfter(until)) {
        break;
      }
      total++;
      kept.addLast(next.get());
      if (kept.size() > limit) {
        kept.removeFirst();
      }
      cursor = next.get();
    }
    return new Missed(List.copyOf(kept), total);
  }

  /**
   * Fire instants found by {@link #firesBetween}.
   *
   * @param newest the newest instants, oldest first
   * @param total how many there were (capped by the count limit)
   */
  record Missed(List<Instant> newest, int total) {}

  /** A cron expression read on the wall clock of its zone (see the class docs for DST). */
  final class Cron implements Schedule {
    private final WallClockCron cron;

    private Cron(WallClockCron cron) {
      this.cron = cron;
    }

    /** The expression as written. */
    public String expression() {
      return cron.text();
    }

    public ZoneId zone() {
      return cron.zone();
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
      return cron.nextAfter(after);
    }

    @Override
    public String describe() {
      return "cron \"" + expression() + "\" in " + zone().getId();
    }

    @Override
    public String kind() {
      return "cron";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cron c && c.describe().equals(describe());
    }

    @Override
    public int hashCode() {
      return describe().hashCode();
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /**
   * A fixed interval, aligned to the Unix epoch: {@code every: 6h} fires at 00:00, 06:00, 12:00 and
   * 18:00 UTC, whenever the server was started, so fire times survive restarts unchanged.
   */
  record Every(Duration interval) implements Schedule {
    @Override
    public Optional<Instant> nextAfter(Instant after) {
      long step = interval.toMillis();
      long t = after.toEpochMilli();
      long next = Math.floorDiv(t, step) * step + step;
      return Optional.of(Instant.ofEpochMilli(next));
    }

    @Override
    public String describe() {
      return "every " + format(interval);
    }

    @Override
    public String kind() {
      return "every";
    }
  }

  /** Once, at an instant. */
  record At(Instant at) implements Schedule {
    @Override
    public Optional<Instant> nextAfter(Instant after) {
      return at.isAfter(after) ? Optional.of(at) : Optional.empty();
    }

    @Override
    public String describe() {
      return "once at " + at;
    }

    @Override
    public String kind() {
      return "at";
    }
  }

  /** Never fires; runs only when triggered (API, CLI or an upstream pipeline). */
  record Manual() implements Schedule {
    @Override
    public Optional<Instant> nextAfter(Instant after) {
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "manual";
    }

    @Override
    public String kind() {
      return "manual";
    }
  }

  Schedule MANUAL = new Manual();

  /**
   * The schedule a pipeline's {@code schedule} section describes; {@link #MANUAL} for {@code null}.
   *
   * @throws ConfigException naming each bad key ({@code schedule.cron}, ...) and what to write
   */
  static Schedule of(ScheduleConfig config) {
    if (config == null) {
      return MANUAL;
    }
    List<ConfigProblem> problems = new ArrayList<>();
    int given =
        (config.cron() != null ? 1 : 0)
            + (config.every() != null ? 1 : 0)
            + (config.at() != null ? 1 : 0);
    if (given != 1) {
      throw new ConfigException(
          List.of(
              ConfigProblem.at(
                  "schedule",
                  null,
                  "give exactly one of 'cron', 'every' or 'at' (or none for manual runs only)")));
    }
    ZoneId zone = ZoneId.of("UTC");
    if (config.timezone() != null) {
      try {
        zone = ZoneId.of(config.timezone());
      } catch (DateTimeException e) {
        problems.add(
            ConfigProblem.at(
                "schedule.timezone",
                config.timezone(),
                "unknown time zone '"
                    + config.timezone()
                    + "'; use an IANA zone name such as UTC or Europe/Berlin"));
      }
    }
    Schedule result = null;
    if (config.cron() != null) {
      try {
        result = new Cron(WallClockCron.parse(config.cron(), zone));
      } catch (IllegalArgumentException e) {
        problems.add(ConfigProblem.at("schedule.cron", config.cron(), e.getMessage()));
      }
    } else if (config.every() != null) {
      try {
        result = new Every(parseInterval(config.every()));
      } catch (IllegalArgumentException e) {
        problems.add(ConfigProblem.at("schedule.every", config.every(), e.getMessage()));
      }
    } else {
      try {
        result = new At(OffsetDateTime.parse(config.at()).toInstant());
      } catch (DateTimeParseException e) {
        problems.add(
            ConfigProblem.at(
                "schedule.at",
                config.at(),
                "'at' is an ISO-8601 date and time with an offset, e.g. 2026-12-01T06:00:00Z"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return result;
  }

  /** Parses {@code 30s}, {@code 15m}, {@code 6h}, {@code 1d}. */
  static Duration parseInterval(String text) {
    Matcher m = Pattern.compile("([0-9]+)([smhd])").matcher(text == null ? "" : text.trim());
    if (!m.matches() || m.group(1).length() > 9 || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(
          "'every' is a number from 1 followed by s, m, h or d, e.g. 30s, 15m, 6h, 1d (was: "
              + text
              + ")");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** {@code 30s}, {@code 15m}, {@code 6h}, {@code 1d}: the largest whole unit. */
  static String format(Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
