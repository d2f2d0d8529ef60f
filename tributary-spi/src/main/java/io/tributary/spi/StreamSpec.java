package io.tributary.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connector can read: one kind of record.
 *
 * @param name the stream's name, a SQL identifier ({@code [a-z_][a-z0-9_]*})
 * @param jsonSchema a JSON Schema (draft 2020-12) of one record as plain Java values; an empty map
 *     means "not declared" and the store infers column types from the data
 * @param primaryKey the fields that identify a record (may be composite); empty means "the whole
 *     content is the key", so exact duplicates collapse
 * @param cursorField the field that orders records for incremental reads, if any
 */
public record StreamSpec(
    String name,
    Map<String, Object> jsonSchema,
    List<String> primaryKey,
    Optional<String> cursorField) {

  public StreamSpec {
    Objects.requireNonNull(name, "name");
    jsonSchema = jsonSchema == null ? Map.of() : jsonSchema;
    primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
    cursorField = cursorField == null ? Optional.empty() : cursorField;
  }

  public static StreamSpec of(String name, List<String> primaryKey) {
    return new StreamSpec(name, Map.of(), primaryKey, Optional.empty());
  }

  public StreamSpec withSchema(Map<String, Object> schema) {
    return new StreamSpec(name, schema, primaryKey, cursorField);
  }

  public StreamSpec withPrimaryKey(List<String> key) {
    return new StreamSpec(name, jsonSchema, key, cursorField);
  }

  public StreamSpec withCursorField(String field) {
    return new StreamSpec(name, jsonSchema, primaryKey, Optional.ofNullable(field));
  }
}
