package io.tributary.engine.schedule;

import java.time.Duration;

/**
 * How a failed (or partially failed) run is retried: up to {@code maxRetries} more times, waiting
 * {@code initialDelay}, then each time {@code multiplier} times longer, at most {@code maxDelay}. A
 * run that could not start because its configuration is wrong is never retried; a cancelled one
 * neither.
 *
 * @param maxRetries retries after the first attempt; 0 disables retrying
 * @param initialDelay the wait before the first retry
 * @param multiplier the factor between consecutive waits (at least 1)
 * @param maxDelay the longest wait
 */
public record RetryPolicy(
    int maxRetries, Duration initialDelay, double multiplier, Duration maxDelay) {

  /** Three retries after 1, 5 and 25 minutes. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofMinutes(1), 5, Duration.ofHours(1));

  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, 1, Duration.ZERO);

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("max_retries must be >= 0 but was " + maxRetries);
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException(
          "the backoff multiplier must be >= 1 but was " + multiplier);
    }
    if (initialDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("retry delays must not be negative");
    }
  }

  /** A copy with another number of retries. */
  public RetryPolicy withMaxRetries(int n) {
    return new RetryPolicy(n, initialDelay, multiplier, maxDelay);
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public Duration delay(int retry) {
    double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
    long capped = (long) Math.min(millis, (double) maxDelay.toMillis());
    return Duration.ofMillis(capped);
  }
}
