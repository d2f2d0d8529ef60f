package io.tributary.engine.run;

import io.tributary.spi.PermanentException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code store.max_quarantine} cap of one run, shared by its streams. Once a stream's next
 * batch would take the run past the cap, that stream fails before writing the batch, every other
 * stream of the run fails at its next write, and the run ends as failed even when another stream
 * had already finished ({@link #exhausted()}). Thread-safe.
 */
final class QuarantineBudget {
  private final long max;
  private final AtomicLong used = new AtomicLong();
  private volatile boolean exhausted;

  /** {@code max <= 0} means no cap. */
  QuarantineBudget(long max) {
    this.max = max;
  }

  /**
   * Takes {@code n} entries a batch is about to quarantine.
   *
   * @throws PermanentException when the cap is (or already was) exceeded
   */
  void take(int n) {
    if (max <= 0) {
      return;
    }
    if (exhausted) {
      throw new PermanentException(
          "stopped: the run reached its quarantine cap store.max_quarantine (" + max + ")");
    }
    long total = used.addAndGet(n);
    if (total > max) {
      exhausted = true;
      throw new PermanentException(
          "quarantine cap exceeded: this run rejected "
              + total
              + " records, more than store.max_quarantine ("
              + max
              + "); the batch was not written. Fix the source or the rules (see `tributary"
              + " quarantine list`), or raise the cap");
    }
  }

  /** Whether the cap was exceeded: the run has been stopped. */
  boolean exhausted() {
    return exhausted;
  }

  /** Counts entries the store itself quarantined (values that did not fit their column). */
  void add(long n) {
    if (max > 0) {
      used.addAndGet(n);
    }
  }
}
