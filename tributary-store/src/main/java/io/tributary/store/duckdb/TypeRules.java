package io.tributary.store.duckdb;

import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a record field becomes a typed column: from the stream's declared JSON Schema when it
 * declares the field, otherwise from the values of the first batch that carries the field.
 */
final class TypeRules {
  private TypeRules() {}

  /** The top-level properties a stream's JSON Schema declares, in declaration order. */
  static Map<String, Object> declaredProperties(StreamSpec stream) {
    Object props = stream.jsonSchema().get("properties");
    if (!(props instanceof Map<?, ?> map)) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /**
   * The column type for one JSON Schema property: string → VARCHAR (TIMESTAMPTZ with format
   * date-time), integer → BIGINT, number → DOUBLE, boolean → BOOLEAN, object or array → JSON. A
   * nullable type ({@code ["string","null"]}) counts as its non-null part; {@code ["integer",
   * "number"]} is DOUBLE; any other mix, or no type at all, is JSON (which every value fits).
   */
  static ColumnType fromJsonSchema(Object property) {
    if (!(property instanceof Map<?, ?> schema)) {
      return ColumnType.JSON;
    }
    Set<String> types = new LinkedHashSet<>();
    Object type = schema.get("type");
    if (type instanceof String s) {
      types.add(s);
    } else if (type instanceof Collection<?> list) {
      list.forEach(t -> types.add(String.valueOf(t)));
    }
    types.remove("null");
    if (types.isEmpty()) {
      return ColumnType.JSON;
    }
    if (types.size() == 1) {
      return switch (types.iterator().next()) {
        case "string" ->
            "date-time".equals(schema.get("format")) ? ColumnType.TIMESTAMPTZ : ColumnType.VARCHAR;
        case "integer" -> ColumnType.BIGINT;
        case "number" -> ColumnType.DOUBLE;
        case "boolean" -> ColumnType.BOOLEAN;
        default -> ColumnType.JSON;
      };
    }
    if (types.equals(Set.of("integer", "number"))) {
      return ColumnType.DOUBLE;
    }
    return ColumnType.JSON;
  }

  /**
   * The column type for a field no schema declares, from its values in one batch: integers →
   * BIGINT, numbers (or integers mixed with numbers) → DOUBLE, strings → VARCHAR, booleans →
   * BOOLEAN, objects and arrays → JSON, only nulls → VARCHAR. Other mixes of scalars become VARCHAR
   * and mixes with objects or arrays become JSON, so no value of the batch that decides the type is
   * refused.
   */
  static ColumnType infer(List<Record> records, String field) {
    boolean integer = false;
    boolean number = false;
    boolean string = false;
    boolean bool = false;
    boolean structure = false;
    for (Record r : records) {
      Object v = r.data().get(field);
      switch (v) {
        case null -> {}
        case Long l -> integer = true;
        case Integer i -> integer = true;
        case Short s -> integer = true;
        case Byte b -> integer = true;
        case BigInteger b -> {
          if (b.bitLength() < 64) {
            integer = true;
          } else {
            number = true;
          }
        }
        case Number n -> number = true;
        case String s -> string = true;
        case Boolean b -> bool = true;
        default -> structure = true;
      }
    }
    int kinds =
        (integer || number ? 1 : 0) + (string ? 1 : 0) + (bool ? 1 : 0) + (structure ? 1 : 0);
    if (structure) {
      return ColumnType.JSON;
    }
    if (kinds > 1) {
      return ColumnType.VARCHAR;
    }
    if (number) {
      return ColumnType.DOUBLE;
    }
    if (integer) {
      return ColumnType.BIGINT;
    }
    if (bool) {
      return ColumnType.BOOLEAN;
    }
    return ColumnType.VARCHAR;
  }
}
