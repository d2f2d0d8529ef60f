package io.tributary.alerts.internal;

import java.time.Duration;

/**
 * How notifications are delivered.
 *
 * @param queueCapacity how many deliveries may wait
 * @param maxAttempts how often one delivery is tried
 * @param initialBackoff the wait before the first retry (doubling after)
 * @param maxBackoff the longest wait between attempts
 * @param concurrency how many deliveries may be under way at once
 * @param shutdownGrace how long closing waits for queued deliveries
 */
public record DeliverySettings(
    int queueCapacity,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    int concurrency,
    Duration shutdownGrace) {

  public static final DeliverySettings DEFAULTS =
      new DeliverySettings(
          1000, 6, Duration.ofSeconds(1), Duration.ofMinutes(5), 4, Duration.ofSeconds(5));

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed ones. */
  public Duration backoff(int attempt) {
    Duration d = initialBackoff;
    for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
