package io.tributary.http.internal.rss;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the connector remembers of one feed between runs. Stored in the stream state as {@code
 * {"feeds": {"<url>": {"etag": ..., "last_modified": ..., "cursor": "<ISO instant>"}}}}.
 *
 * @param etag the last response's ETag, sent back as If-None-Match
 * @param lastModified the last response's Last-Modified, sent back as If-Modified-Since
 * @param cursor the newest item date emitted so far
 */
record FeedState(String etag, String lastModified, Instant cursor) {
  static final FeedState EMPTY = new FeedState(null, null, null);

  /** The per-feed entries of a stream state (empty on the first run). */
  static Map<String, Object> feeds(Map<String, Object> state) {
    if (state != null && state.get("feeds") instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
      return out;
    }
    return Map.of();
  }

  static FeedState of(Object entry) {
    if (!(entry instanceof Map<?, ?> m)) {
      return EMPTY;
    }
    Instant cursor = null;
    if (m.get("cursor") instanceof String s) {
      try {
        cursor = Instant.parse(s);
      } catch (DateTimeParseException e) {
        cursor = null;
      }
    }
    return new FeedState(
        m.get("etag") instanceof String e ? e : null,
        m.get("last_modified") instanceof String l ? l : null,
        cursor);
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("etag", etag);
    m.put("last_modified", lastModified);
    m.put("cursor", cursor == null ? null : cursor.toString());
    return m;
  }

  static Map<String, Object> snapshot(Map<String, Object> feeds) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("feeds", new LinkedHashMap<>(feeds));
    return state;
  }
}
