package io.tributary.store.duckdb;

import static io.tributary.store.duckdb.TestData.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesCompactJsonThatReadsBackEqual() {
    var value =
        map(
            "s",
            "quote \" backslash \\ newline \n tab \t bell \u0007 é ✓",
            "n",
            12L,
            "d",
            1.5,
            "big",
            new BigDecimal("12345678901234567890.5"),
            "t",
            true,
            "nil",
            null,
            "list",
            Arrays.asList(1L, "two", null, map("k", List.of())));

    String text = Json.write(value);

    assertThat(text).doesNotContain("\n").contains("\\u0007").contains("\\\"");
    assertThat(Json.read(text))
        .isEqualTo(
            map(
                "s",
                "quote \" backslash \\ newline \n tab \t bell \u0007 é ✓",
                "n",
                12L,
                "d",
                1.5,
                "big",
                1.2345678901234567e19,
                "t",
                true,
                "nil",
                null,
                "list",
                Arrays.asList(1L, "two", null, map("k", List.of()))));
  }

  @Test
  void refusesWhatIsNotJson() {
    assertThatThrownBy(() -> Json.write(map("when", java.time.Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.time.Instant cannot be written as JSON");
    assertThatThrownBy(() -> Json.write(List.of(Double.POSITIVE_INFINITY)))
        .hasMessageContaining("cannot be written as JSON");
  }

  @Test
  void readsIntegersAsLongs() {
    assertThat(Json.read("[1, 12345678901, 18446744073709551615]"))
        .isEqualTo(List.of(1L, 12345678901L, new java.math.BigInteger("18446744073709551615")));
  }
}
