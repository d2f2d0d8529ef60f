package io.tributary.http.internal.engine;

import io.tributary.http.internal.net.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code rate} requests per second on average, up to {@code burst} at once after a
 * pause. Callers reserve a token and then wait outside the lock, so waiting callers queue in order.
 * Thread-safe; time comes from the injected clock and waiting from the injected sleeper.
 */
public final class TokenBucket {
  private final double ratePerSecond;
  private final double burst;
  private final Clock clock;
  private double tokens;
  private Instant last;

  public TokenBucket(double ratePerSecond, long burst, Clock clock) {
    if (ratePerSecond <= 0) {
      throw new IllegalArgumentException("rate must be > 0 but was " + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = Math.max(1, burst);
    this.clock = clock;
    this.tokens = this.burst;
    this.last = clock.instant();
  }

  /** Reserves one token and returns how long the caller must wait before using it. */
  public synchronized Duration reserve() {
    Instant now = clock.instant();
    double elapsed = Duration.between(last, now).toNanos() / 1e9;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * ratePerSecond);
      last = now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / ratePerSecond * 1e9));
  }

  /** Reserves one token and waits until it may be used. */
  public void acquire(Sleeper sleeper) throws InterruptedException {
    Duration wait = reserve();
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
  }

  public double ratePerSecond() {
    return ratePerSecond;
  }
}
