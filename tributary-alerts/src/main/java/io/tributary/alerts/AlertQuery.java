package io.tributary.alerts;

/**
 * Which alerts to list, newest first (by the time they fired).
 *
 * @param pipeline only this pipeline's, or {@code null} for all
 * @param status only firing or only resolved ones, or {@code null} for both
 * @param offset how many matching alerts to skip (for pages)
 * @param limit at most this many
 */
public record AlertQuery(String pipeline, AlertStatus status, int offset, int limit) {

  public AlertQuery {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0 but was " + offset);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
  }

  /** Every alert, firing and resolved, up to 1000. */
  public static AlertQuery all() {
    return new AlertQuery(null, null, 0, 1000);
  }

  public AlertQuery withPipeline(String p) {
    return new AlertQuery(p, status, offset, limit);
  }

  public AlertQuery withStatus(AlertStatus s) {
    return new AlertQuery(pipeline, s, offset, limit);
  }

  public AlertQuery page(int newOffset, int newLimit) {
    return new AlertQuery(pipeline, status, newOffset, newLimit);
  }

  /** Whether {@code a} matches the filters (not the page). */
  public boolean matches(Alert a) {
    return (pipeline == null || pipeline.equals(a.pipeline()))
        && (status == null || status == a.status());
  }
}
