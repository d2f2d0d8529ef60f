package io.tributary.http.internal.engine;

import io.tributary.http.internal.net.HttpReply;
import io.tributary.http.internal.net.Sleeper;
import io.tributary.spi.RetriableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Pauses a whole source when the server asked for it: after a {@code Retry-After} or when its
 * {@code x-ratelimit-remaining} header reached 0 (until {@code x-ratelimit-reset}), so the engine
 * slows down before it is refused instead of after. Thread-safe; shared by every run of the source
 * in this process.
 */
public final class RateGate {
  private final String source;
  private final Clock clock;
  private Instant pausedUntil = Instant.MIN;
  private String reason = "";

  public RateGate(String source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  /** Keeps every request of the source from starting before {@code until}. */
  public synchronized void pauseUntil(Instant until, String why) {
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
      reason = why;
    }
  }

  /**
   * Waits while the source is paused.
   *
   * @throws RetriableException when the pause is longer than {@code maxWait}
   */
  public void await(Sleeper sleeper, Duration maxWait) throws InterruptedException {
    while (true) {
      Instant until;
      String why;
      synchronized (this) {
        until = pausedUntil;
        why = reason;
      }
      Duration wait = Duration.between(clock.instant(), until);
      if (wait.isNegative() || wait.isZero()) {
        return;
      }
      if (wait.compareTo(maxWait) > 0) {
        throw new RetriableException(
            "source '"
                + source
                + "' is rate limited until "
                + until
                + " ("
                + why
                + "), longer than rate_limit.max_wait ("
                + maxWait.toSeconds()
                + "s); run again later");
      }
      sleeper.sleep(wait);
    }
  }

  /** Reads rate-limit headers of a response and pauses the source when nothing is left. */
  public void observe(HttpReply reply, String remainingHeader, String resetHeader) {
    Optional<String> remaining = reply.header(remainingHeader);
    if (remaining.isEmpty()) {
      return;
    }
    double left;
    try {
      left = Double.parseDouble(remaining.get().trim());
    } catch (NumberFormatException e) {
      return;
    }
    if (left >= 1) {
      return;
    }
    Optional<Instant> reset = reply.header(resetHeader).flatMap(this::resetInstant);
    reset.ifPresent(r -> pauseUntil(r, remainingHeader + " reached 0; the window resets at " + r));
  }

  private Optional<Instant> resetInstant(String value) {
    try {
      double v = Double.parseDouble(value.trim());
      Instant now = clock.instant();
      if (v > 1e9) {
        return Optional.of(Instant.ofEpochSecond((long) Math.ceil(v)));
      }
      return Optional.of(now.plusMillis((long) Math.ceil(v * 1000)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a {@code Retry-After} value: delay seconds or an HTTP date.
   *
   * @return the delay from now (zero when the date has passed), or empty when unparseable
   */
  public static Optional<Duration> retryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
