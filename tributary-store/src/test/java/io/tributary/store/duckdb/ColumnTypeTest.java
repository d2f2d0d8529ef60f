package io.tributary.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {

  @Test
  void bigintTakesIntegralNumbersOnly() {
    assertThat(ColumnType.BIGINT.convert(5)).isEqualTo(5L);
    assertThat(ColumnType.BIGINT.convert(new BigDecimal("7.0"))).isEqualTo(7L);
    assertThat(ColumnType.BIGINT.convert(3.0)).isEqualTo(3L);
    assertThat(ColumnType.BIGINT.convert(BigInteger.TWO.pow(63))).isSameAs(ColumnType.NO_FIT);
    assertThat(ColumnType.BIGINT.convert(3.5)).isSameAs(ColumnType.NO_FIT);
    assertThat(ColumnType.BIGINT.convert("3")).isSameAs(ColumnType.NO_FIT);
    assertThat(ColumnType.BIGINT.convert(true)).isSameAs(ColumnType.NO_FIT);
  }

  @Test
  void doubleTakesAnyNumberAndVarcharAnyScalar() {
    assertThat(ColumnType.DOUBLE.convert(2L)).isEqualTo(2.0);
    assertThat(ColumnType.DOUBLE.convert("2")).isSameAs(ColumnType.NO_FIT);
    assertThat(ColumnType.VARCHAR.convert(42L)).isEqualTo("42");
    assertThat(ColumnType.VARCHAR.convert(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(ColumnType.VARCHAR.convert(false)).isEqualTo("false");
    assertThat(ColumnType.VARCHAR.convert(List.of(1))).isSameAs(ColumnType.NO_FIT);
    assertThat(ColumnType.BOOLEAN.convert("true")).isSameAs(ColumnType.NO_FIT);
  }

  @Test
  void jsonTakesEveryJsonShapedValue() {
    assertThat(ColumnType.JSON.convert(Map.of("a", List.of(1L, "x"))))
        .isEqualTo("{\"a\":[1,\"x\"]}");
    assertThat(ColumnType.JSON.convert("text")).isEqualTo("\"text\"");
    assertThat(ColumnType.JSON.convert(new Object())).isSameAs(ColumnType.NO_FIT);
    assertThat(ColumnType.JSON.convert(Double.NaN)).isSameAs(ColumnType.NO_FIT);
  }

  @Test
  void timestampsMustHaveAnOffsetAndAtMostMicroseconds() {
    long micros = ColumnType.epochMicros(Instant.parse("2025-01-01T08:00:00.123456Z"));

    assertThat(ColumnType.TIMESTAMPTZ.convert("2025-01-01T10:00:00.123456+02:00"))
        .isEqualTo(micros);
    assertThat(ColumnType.TIMESTAMPTZ.convert("2025-01-01 08:00:00.123456Z")).isEqualTo(micros);
    assertThat(ColumnType.TIMESTAMPTZ.convert("2025-01-01T08:00:00")).isSameAs(ColumnType.NO_FIT);
    assertThat(ColumnType.TIMESTAMPTZ.convert("2025-01-01T08:00:00.1234567Z"))
        .isSameAs(ColumnType.NO_FIT);
    assertThat(ColumnType.TIMESTAMPTZ.misfit("2025-01-01T08:00:00.1234567Z"))
        .startsWith("a date-time with more than microsecond precision");
    assertThat(ColumnType.TIMESTAMPTZ.misfit("soon"))
        .isEqualTo("a string that is not an ISO-8601 date-time with a UTC offset ('soon')");
    assertThat(ColumnType.TIMESTAMPTZ.convert(1_700_000_000L)).isSameAs(ColumnType.NO_FIT);
  }

  @Test
  void catalogTypeNamesMapBack() {
    assertThat(ColumnType.fromCatalog("TIMESTAMP WITH TIME ZONE", "c", "s.t"))
        .isEqualTo(ColumnType.TIMESTAMPTZ);
    assertThat(ColumnType.fromCatalog("JSON", "c", "s.t")).isEqualTo(ColumnType.JSON);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ColumnType.fromCatalog("INTEGER", "age", "s.t"))
        .hasMessageContaining("column 'age' of table s.t has type INTEGER");
  }
}
