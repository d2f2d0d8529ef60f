package io.tributary.spi.store;

import java.time.Instant;

/**
 * Which quarantine entries a query or purge concerns. Every component may be {@code null}, which
 * means "any".
 *
 * @param pipeline only this pipeline's entries
 * @param stream only this stream's entries
 * @param rule only entries rejected by this rule
 * @param before only entries rejected strictly before this instant
 */
public record QuarantineFilter(String pipeline, String stream, String rule, Instant before) {

  /** Matches every entry. */
  public static final QuarantineFilter ALL = new QuarantineFilter(null, null, null, null);

  /** Entries of one pipeline, optionally of one stream. */
  public static QuarantineFilter of(String pipeline, String stream) {
    return new QuarantineFilter(pipeline, stream, null, null);
  }

  /** Whether an entry satisfies this filter (for stores that filter in memory). */
  public boolean matches(QuarantineEntry e) {
    return (pipeline == null || pipeline.equals(e.pipeline()))
        && (stream == null || stream.equals(e.stream()))
        && (rule == null || rule.equals(e.rule()))
        && (before == null || (e.at() != null && e.at().isBefore(before)));
  }
}
