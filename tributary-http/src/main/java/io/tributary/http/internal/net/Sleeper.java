package io.tributary.http.internal.net;

import java.time.Duration;

/**
 * Waits. Injected everywhere the engine pauses (rate limits, backoff, quota windows) so tests run
 * on a fake clock without sleeping.
 */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** Really sleeps the calling (virtual) thread. */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d);
      }
    };
  }
}
