package io.tributary.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One record of one stream.
 *
 * <p>A connector creates records with {@link #of(String, Map, String)}; the engine then stamps
 * {@code fetchedAt}, computes the {@code key} from the stream's primary key and the {@code hash} of
 * the content before the record enters the processor chain. Records are immutable values; the
 * {@code data} map must not be changed after the record is emitted.
 *
 * @param stream the stream's name
 * @param data the payload, a JSON object as plain Java values (see the package documentation)
 * @param origin where the record came from, for lineage and error messages (e.g. {@code
 *     posts.jsonl:17} or a request URL); never contains a secret
 * @param fetchedAt when the engine received the record; {@code null} until stamped
 * @param key the primary key's values joined into one string; {@code null} until stamped
 * @param hash a stable hash of {@code data}; {@code null} until stamped
 */
public record Record(
    String stream,
    Map<String, Object> data,
    String origin,
    Instant fetchedAt,
    String key,
    String hash) {

  public Record {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(data, "data");
  }

  /** A record as a connector emits it: not yet stamped by the engine. */
  public static Record of(String stream, Map<String, Object> data, String origin) {
    return new Record(stream, data, origin, null, null, null);
  }

  /** A copy with another payload; key and hash are kept (the engine recomputes them later). */
  public Record withData(Map<String, Object> newData) {
    return new Record(stream, newData, origin, fetchedAt, key, hash);
  }

  /** A copy stamped with the engine's receive time, key and content hash. */
  public Record stamped(Instant at, String newKey, String newHash) {
    return new Record(stream, data, origin, at, newKey, newHash);
  }

  /** A field of the payload, or {@code null}. Dotted paths are not interpreted. */
  public Object get(String field) {
    return data.get(field);
  }
}
