package io.tributary.server;

import java.util.Optional;

/**
 * Where each source's circuit breaker stands, for {@code GET /api/sources}: {@code closed}, {@code
 * open} or {@code half_open}, or empty when the source has none (then the API says {@code
 * unknown}). Implemented by the application over the connector providers the runs use.
 */
@FunctionalInterface
public interface SourceCircuits {
  Optional<String> state(String source);

  /** Nothing known about any source. */
  SourceCircuits NONE = source -> Optional.empty();
}
