package io.tributary.store.duckdb;

import static io.tributary.store.duckdb.TestData.map;
import static io.tributary.store.duckdb.TestData.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeRulesTest {

  @Test
  void jsonSchemaTypesMapToColumnTypes() {
    assertThat(TypeRules.fromJsonSchema(map("type", "string"))).isEqualTo(ColumnType.VARCHAR);
    assertThat(TypeRules.fromJsonSchema(map("type", "string", "format", "date-time")))
        .isEqualTo(ColumnType.TIMESTAMPTZ);
    assertThat(TypeRules.fromJsonSchema(map("type", List.of("integer", "null"))))
        .isEqualTo(ColumnType.BIGINT);
    assertThat(TypeRules.fromJsonSchema(map("type", List.of("integer", "number"))))
        .isEqualTo(ColumnType.DOUBLE);
    assertThat(TypeRules.fromJsonSchema(map("type", "boolean"))).isEqualTo(ColumnType.BOOLEAN);
    assertThat(TypeRules.fromJsonSchema(map("type", "object"))).isEqualTo(ColumnType.JSON);
    assertThat(TypeRules.fromJsonSchema(map("type", "array"))).isEqualTo(ColumnType.JSON);
    assertThat(TypeRules.fromJsonSchema(map("type", List.of("string", "integer"))))
        .isEqualTo(ColumnType.JSON);
    assertThat(TypeRules.fromJsonSchema(map("description", "anything"))).isEqualTo(ColumnType.JSON);
  }

  @Test
  void undeclaredFieldsAreTypedByTheirValues() {
    var records =
        List.of(
            record(map("id", "1", "i", 1L, "n", 1L, "s", "a", "b", true, "mix", "x", "nul", null)),
            record(
                map(
                    "id",
                    "2",
                    "i",
                    2,
                    "n",
                    new BigDecimal("2.5"),
                    "s",
                    "b",
                    "b",
                    false,
                    "mix",
                    3L,
                    "o",
                    map("k", 1L))));

    assertThat(TypeRules.infer(records, "i")).isEqualTo(ColumnType.BIGINT);
    assertThat(TypeRules.infer(records, "n")).isEqualTo(ColumnType.DOUBLE);
    assertThat(TypeRules.infer(records, "s")).isEqualTo(ColumnType.VARCHAR);
    assertThat(TypeRules.infer(records, "b")).isEqualTo(ColumnType.BOOLEAN);
    assertThat(TypeRules.infer(records, "mix")).isEqualTo(ColumnType.VARCHAR);
    assertThat(TypeRules.infer(records, "nul")).isEqualTo(ColumnType.VARCHAR);
    assertThat(TypeRules.infer(records, "o")).isEqualTo(ColumnType.JSON);
  }
}
