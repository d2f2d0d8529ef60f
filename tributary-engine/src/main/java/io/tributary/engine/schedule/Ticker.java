package io.tributary.engine.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How the scheduler's loop waits for the next thing to do. Injected so that tests never sleep: they
 * drive {@link Scheduler#tick()} themselves and do not start the loop.
 */
public interface Ticker {

  /**
   * Waits until {@code deadline}, until {@link #wake()} is called, or for some shorter time of the
   * implementation's choosing; returning early is always allowed.
   */
  void awaitUntil(Instant deadline) throws InterruptedException;

  /** Ends the current (or the next) wait at once. */
  void wake();

  /**
   * A ticker on a real clock that waits at most {@code maxWait} at a time, so that a wall-clock
   * jump (NTP, suspend) is noticed within that time.
   */
  static Ticker system(Clock clock, Duration maxWait) {
    ReentrantLock lock = new ReentrantLock();
    Condition woken = lock.newCondition();
    boolean[] pending = {false};
    return new Ticker() {
      @Override
      public void awaitUntil(Instant deadline) throws InterruptedException {
        long nanos =
            Math.min(Duration.between(clock.instant(), deadline).toNanos(), maxWait.toNanos());
        lock.lock();
        try {
          while (!pending[0] && nanos > 0) {
            nanos = woken.awaitNanos(nanos);
          }
          pending[0] = false;
        } finally {
          lock.unlock();
        }
      }

      @Override
      public void wake() {
        lock.lock();
        try {
          pending[0] = true;
          woken.signalAll();
        } finally {
          lock.unlock();
        }
      }
    };
  }
}
