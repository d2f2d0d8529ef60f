package io.tributary.enrich.internal;

/**
 * Analyses one text and returns a JSON-shaped, unmodifiable value (a map or a list) to store under
 * the enricher's field. Implementations are thread-safe.
 */
public interface Enricher {

  /** The enricher's name, also its default output field. */
  String name();

  /** The result for {@code text} (never {@code null}; {@code text} is never {@code null}). */
  Object analyse(String text);

  /** Whether equal texts always give equal results, so results may be cached. */
  default boolean cacheable() {
    return true;
  }
}
