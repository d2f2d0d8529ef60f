package io.tributary.spi.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Where sources' circuit-breaker states outlive the process: a breaker that opened in one {@code
 * tributary run} still skips the source in the next one, until its probe time. Implemented by the
 * store; thread-safe.
 */
public interface CircuitLedger {

  /** The last saved state of a source's breaker; empty if it never failed. */
  Optional<CircuitRecord> circuit(String source);

  /** Saves a breaker's state, replacing the previous one. */
  void saveCircuit(CircuitRecord record);

  /**
   * One breaker's saved state.
   *
   * @param source the breaker's name (manifest name, or {@code rss:host} for per-host breakers)
   * @param state {@code closed}, {@code open} or {@code half_open}
   * @param failures consecutive failures counted so far
   * @param openedAt when it last opened; {@code null} if it never did
   * @param updatedAt when this state was saved
   */
  record CircuitRecord(
      String source, String state, int failures, Instant openedAt, Instant updatedAt) {}

  /** Keeps nothing: breakers live in memory only (no store). */
  CircuitLedger NONE =
      new CircuitLedger() {
        @Override
        public Optional<CircuitRecord> circuit(String source) {
          return Optional.empty();
        }

        @Override
        public void saveCircuit(CircuitRecord record) {}
      };
}
