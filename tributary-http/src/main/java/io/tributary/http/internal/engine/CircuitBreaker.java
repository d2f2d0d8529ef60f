package io.tributary.http.internal.engine;

import io.tributary.spi.RetriableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One source's circuit breaker. Closed: requests pass, consecutive failures (server errors,
 * timeouts, broken connections) are counted. After {@code threshold} of them it opens: requests
 * fail fast, for every run in this process, saying why and until when. After {@code openFor} one
 * probe request is let through (half-open): success closes the circuit, failure opens it again.
 * Thread-safe.
 */
public final class CircuitBreaker {

  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final String source;
  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private State state = State.CLOSED;
  private int failures;
  private Instant openedAt;
  private boolean probing;

  public CircuitBreaker(String source, int threshold, Duration openFor, Clock clock) {
    this.source = source;
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /**
   * Lets a request through or refuses it.
   *
   * @throws RetriableException when the circuit is open (or a half-open probe is in flight)
   */
  public synchronized void acquire() {
    if (state == State.CLOSED) {
      return;
    }
    Instant now = clock.instant();
    Instant until = openedAt.plus(openFor);
    if (state == State.OPEN && !now.isBefore(until)) {
      state = State.HALF_OPEN;
      probing = false;
    }
    if (state == State.HALF_OPEN && !probing) {
      probing = true;
      return;
    }
    throw new RetriableException(
        "source '"
            + source
            + "' is skipped: its circuit breaker opened at "
            + openedAt
            + " after "
            + failures
            + " consecutive failures; a probe request is allowed from "
            + until
            + " (circuit_breaker.open_for)");
  }

  public synchronized void onSuccess() {
    state = State.CLOSED;
    failures = 0;
    probing = false;
  }

  public synchronized void onFailure() {
    failures++;
    if (state == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openedAt = clock.instant();
      probing = false;
    }
  }

  /** A request that was let through ended without telling anything about the source's health. */
  public synchronized void onNeutral() {
    probing = false;
  }

  public synchronized State state() {
    return state;
  }
}
