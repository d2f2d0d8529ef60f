package io.tributary.spi;

import java.util.Map;
import java.util.Objects;

/**
 * The opaque state of one stream after every record emitted before it.
 *
 * <p>The engine commits a checkpoint in the same store transaction as the records that precede it,
 * and hands the last committed state back to {@link Connector#read} on the next run. Connectors
 * never persist state themselves. The state must be JSON-shaped (see the package documentation) and
 * small (kilobytes, not megabytes).
 *
 * @param stream the stream this state belongs to
 * @param state the connector's state, e.g. {@code {"cursor": "2025-01-01T00:00:00Z"}} or one entry
 *     per partition
 */
public record Checkpoint(String stream, Map<String, Object> state) {
  public Checkpoint {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(state, "state");
  }
}
