package io.tributary.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.spi.Record;
import io.tributary.spi.RecordException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Computes a record's key (from the stream's primary key) and content hash. Thread-safe.
 *
 * <p>Primary key fields are top-level names ({@code id}) or JSON Pointers ({@code /data/id}). A
 * single-field key is the value as text; a composite key is a JSON array of the values, so no
 * separator can make two keys collide. With no primary key, the content hash is the key, so exact
 * duplicates collapse. The hash is the first 128 bits of SHA-256 over the payload serialised as
 * JSON in field order.
 */
public final class RecordStamper {
  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is not available in this JVM", e);
            }
          });

  private final List<String> primaryKey;
  private final ObjectMapper json;

  public RecordStamper(List<String> primaryKey, ObjectMapper json) {
    this.primaryKey = List.copyOf(primaryKey);
    this.json = json;
  }

  /**
   * Returns the record with key, hash and fetch time set.
   *
   * @throws RecordException when a primary key field is missing or not a scalar
   */
  public Record stamp(Record r, Instant fetchedAt) {
    String hash = hash(r.data());
    String key = primaryKey.isEmpty() ? hash : key(r.data());
    return r.stamped(r.fetchedAt() == null ? fetchedAt : r.fetchedAt(), key, hash);
  }

  String key(Map<String, Object> data) {
    if (primaryKey.size() == 1) {
      return scalar(data, primaryKey.get(0));
    }
    List<Object> values = new ArrayList<>(primaryKey.size());
    for (String field : primaryKey) {
      values.add(value(data, field));
    }
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a primary key", e);
    }
  }

  private static String scalar(Map<String, Object> data, String field) {
    return String.valueOf(value(data, field));
  }

  private static Object value(Map<String, Object> data, String field) {
    Object v = lookup(data, field);
    if (v == null) {
      throw new RecordException(
          "primary_key",
          pointer(field),
          "primary key field '" + field + "' is missing or null in this record");
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      throw new RecordException(
          "primary_key",
          pointer(field),
          "primary key field '" + field + "' must be a scalar but is an object or a list");
    }
    return v;
  }

  /** A top-level field, or a JSON Pointer into nested objects and lists. */
  public static Object lookup(Map<String, Object> data, String field) {
    if (!field.startsWith("/")) {
      return data.get(field);
    }
    Object cur = data;
    for (String raw : field.substring(1).split("/", -1)) {
      String token = raw.replace("~1", "/").replace("~0", "~");
      if (cur instanceof Map<?, ?> m) {
        cur = m.get(token);
      } else if (cur instanceof List<?> l) {
        try {
          int i = Integer.parseInt(token);
          cur = i >= 0 && i < l.size() ? l.get(i) : null;
        } catch (NumberFormatException e) {
          return null;
        }
      } else {
        return null;
      }
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  private static String pointer(String field) {
    return field.startsWith("/") ? field : "/" + field;
  }

  /** The content hash of a payload. */
  public String hash(Map<String, Object> data) {
    try {
      byte[] bytes = json.writeValueAsBytes(data);
      MessageDigest md = SHA256.get();
      md.reset();
      byte[] digest = md.digest(bytes);
      return HEX.formatHex(digest, 0, 16);
    } catch (JsonProcessingException e) {
      throw new RecordException(
          "serialise", null, "record cannot be serialised as JSON: " + e.getOriginalMessage());
    }
  }
}
