package io.tributary.store.duckdb;

import io.tributary.spi.Checkpoint;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.store.QuarantineEntry;
import io.tributary.spi.store.TableRef;
import io.tributary.spi.store.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for stamped records and batches, as the engine would hand them to the store. */
final class TestData {
  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  static final TableRef POSTS = new TableRef("reddit", "posts");

  private TestData() {}

  /** A map keeping insertion order from alternating keys and values. */
  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A stamped record whose key is the value of field "id". */
  static Record record(Map<String, Object> data) {
    String key = String.valueOf(data.get("id"));
    return Record.of("posts", data, "posts.jsonl:" + key).stamped(T0, key, hash(data));
  }

  static String hash(Map<String, Object> data) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(Json.write(data).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static WriteBatch batch(String runId, StreamSpec spec, List<Record> records) {
    return batch(runId, spec, records, List.of(), null);
  }

  static WriteBatch batch(
      String runId,
      StreamSpec spec,
      List<Record> records,
      List<QuarantineEntry> quarantined,
      Checkpoint checkpoint) {
    return new WriteBatch(runId, "reddit", "file", POSTS, spec, records, quarantined, checkpoint);
  }

  static StreamSpec undeclared() {
    return StreamSpec.of("posts", List.of("id"));
  }
}
