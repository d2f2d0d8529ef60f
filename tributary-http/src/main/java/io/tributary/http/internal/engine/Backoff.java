package io.tributary.http.internal.engine;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with full jitter: a uniform delay in [0, min(cap, base * 2^retry)]. */
public record Backoff(Duration base, Duration cap) {

  /**
   * The delay before retry number {@code retry} (0 for the first retry).
   *
   * @param random the injected randomness
   */
  public Duration delay(int retry, RandomGenerator random) {
    long baseMs = Math.max(1, base.toMillis());
    long ceiling = cap.toMillis();
    long exp = retry >= 62 ? Long.MAX_VALUE : baseMs << Math.min(retry, 30);
    long bound = Math.min(ceiling, exp < 0 ? Long.MAX_VALUE : exp);
    return Duration.ofMillis(bound <= 0 ? 0 : random.nextLong(bound + 1));
  }
}
