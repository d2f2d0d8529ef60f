package io.tributary.http.internal.engine;

import io.tributary.spi.PermanentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The incremental state of one stream: per partition, the highest cursor value read and the primary
 * keys of the records carrying exactly that value (the tiebreaker that lets the next run re-read
 * the boundary inclusively without emitting those records again). Thread-safe.
 *
 * <p>Shape in the checkpoint: {@code {"partitions": {"symbol=AAPL": {"cursor": "...", "keys":
 * [...]}}}}; an unpartitioned stream uses the partition key {@code *}.
 */
public final class StateBook {

  /** One partition's committed position. */
  public record Position(String cursor, Set<String> keys) {
    public Position {
      keys = Set.copyOf(keys);
    }
  }

  private final String stream;
  private final Map<String, Position> positions = new TreeMap<>();

  private StateBook(String stream) {
    this.stream = stream;
  }

  /**
   * Reads the state a previous run committed.
   *
   * @throws PermanentException when the state does not have this engine's shape
   */
  public static StateBook from(String stream, Map<String, Object> state) {
    StateBook book = new StateBook(stream);
    if (state == null || state.isEmpty()) {
      return book;
    }
    if (!(state.get("partitions") instanceof Map<?, ?> parts)) {
      throw bad(stream);
    }
    for (Map.Entry<?, ?> e : parts.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> p) || !(p.get("cursor") instanceof String c)) {
        throw bad(stream);
      }
      Set<String> keys = new TreeSet<>();
      if (p.get("keys") instanceof List<?> l) {
        l.forEach(k -> keys.add(String.valueOf(k)));
      }
      book.positions.put(String.valueOf(e.getKey()), new Position(c, keys));
    }
    return book;
  }

  private static PermanentException bad(String stream) {
    return new PermanentException(
        "the stored state of stream '"
            + stream
            + "' was not written by this connector's incremental reader; run it once with a full"
            + " refresh to start over");
  }

  public synchronized Position get(String partition) {
    return positions.get(partition);
  }

  public synchronized void commit(String partition, Position p) {
    positions.put(partition, p);
  }

  /** The whole state, as plain values for a checkpoint. */
  public synchronized Map<String, Object> snapshot() {
    Map<String, Object> parts = new LinkedHashMap<>();
    positions.forEach(
        (k, p) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("cursor", p.cursor());
          m.put("keys", new ArrayList<>(new TreeSet<>(p.keys())));
          parts.put(k, m);
        });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("partitions", parts);
    return out;
  }

  public String stream() {
    return stream;
  }
}
