package io.tributary.http.internal.engine;

import io.tributary.spi.RetriableException;
import io.tributary.spi.store.CircuitLedger;
import io.tributary.spi.store.CircuitLedger.CircuitRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One source's circuit breaker. Closed: requests pass, consecutive failures (server errors,
 * timeouts, broken connections) are counted. After {@code threshold} of them it opens: requests
 * fail fast, for every run in this process, saying why and until when. After {@code openFor} one
 * probe request is let through (half-open): success closes the circuit, failure opens it again.
 *
 * <p>Bound to a {@link CircuitLedger} (the store), it loads the saved state when first bound and
 * saves every change of its failure count or state, so a breaker that opened in one {@code
 * tributary run} process still skips the source in the next one until its probe time. Thread-safe.
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
  private CircuitLedger ledger = CircuitLedger.NONE;
  private static final System.Logger LOG = System.getLogger(CircuitBreaker.class.getName());

  public CircuitBreaker(String source, int threshold, Duration openFor, Clock clock) {
    this.source = source;
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /**
   * Makes {@code l} the place this breaker's state is kept. The first time a ledger is bound, its
   * saved state replaces the in-memory one (a breaker that another process opened stays open);
   * binding the same ledger again does nothing.
   */
  public synchronized void bind(CircuitLedger l) {
    if (l == null || l == ledger) {
      return;
    }
    ledger = l;
    Optional<CircuitRecord> saved;
    try {
      saved = l.circuit(source);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "could not read the saved circuit state of " + source + ": " + e.getMessage());
      return;
    }
    saved.ifPresent(
        r -> {
          failures = r.failures();
          openedAt = r.openedAt();
          boolean open = !"closed".equals(r.state()) && openedAt != null;
          // a probe that was in flight when its process ended is simply due again
          state = open ? State.OPEN : State.CLOSED;
          probing = false;
        });
  }

  private void save() {
    try {
      ledger.saveCircuit(
          new CircuitRecord(
              source, state.name().toLowerCase(Locale.ROOT), failures, openedAt, clock.instant()));
    } catch (RuntimeException e) {
      // losing the saved copy only costs the next process a few requests to re-open it
      LOG.log(
          System.Logger.Level.WARNING,
          "could not save the circuit state of " + source + ": " + e.getMessage());
    }
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
    boolean changed = state != State.CLOSED || failures > 0;
    state = State.CLOSED;
    failures = 0;
    probing = false;
    if (changed) {
      save();
    }
  }

  public synchronized void onFailure() {
    failures++;
    if (state == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openedAt = clock.instant();
      probing = false;
    }
    save();
  }

  /** A request that was let through ended without telling anything about the source's health. */
  public synchronized void onNeutral() {
    probing = false;
  }

  public synchronized State state() {
    return state;
  }
}
