package io.tributary.http.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  private final Json json = new Json(5, 20);

  private Object parse(String s) throws Json.BadJson {
    return json.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parsesToPlainJavaValuesWithLongIntegers() throws Json.BadJson {
    Object v = parse("{\"a\": [1, 2.5, \"x\", true, null]}");
    assertThat(v).isEqualTo(Map.of("a", java.util.Arrays.asList(1L, 2.5, "x", true, null)));
  }

  @Test
  void capsOnDepthAndStringLengthAreEnforced() {
    assertThatThrownBy(() -> parse("[[[[[[[1]]]]]]]"))
        .isInstanceOfSatisfying(Json.BadJson.class, e -> assertThat(e.limit()).isTrue())
        .hasMessageContaining("limits.max_nesting_depth");
    assertThatThrownBy(() -> parse("[\"" + "x".repeat(50) + "\"]"))
        .isInstanceOfSatisfying(Json.BadJson.class, e -> assertThat(e.limit()).isTrue());
  }

  @Test
  void aTruncatedBodyIsToldApartFromAMalformedOne() {
    assertThatThrownBy(() -> parse("{\"a\": [1, 2"))
        .isInstanceOfSatisfying(Json.BadJson.class, e -> assertThat(e.truncated()).isTrue());
    assertThatThrownBy(() -> parse("<html>oops</html>"))
        .isInstanceOfSatisfying(Json.BadJson.class, e -> assertThat(e.truncated()).isFalse());
  }

  @Test
  void pointersAndJsonPathsSelectNodes() throws Json.BadJson {
    Object v = parse("{\"d\": {\"c\": [{\"x\": {\"id\": 1}}, {\"x\": {\"id\": 2}}], \"a/b\": 3}}");
    assertThat(Json.pointer(v, "/d/c/1/x/id")).isEqualTo(2L);
    assertThat(Json.pointer(v, "/d/a~1b")).isEqualTo(3L);
    assertThat(Json.pointer(v, "/d/zzz/0")).isNull();
    assertThat(Json.select(v, "$.d.c[*].x")).containsExactly(Map.of("id", 1L), Map.of("id", 2L));
    assertThat(Json.select(v, "$['d']['c'][0].x.id")).containsExactly(1L);
    assertThat(Json.select(v, "/d/c"))
        .containsExactly(List.of(Map.of("x", Map.of("id", 1L)), Map.of("x", Map.of("id", 2L))));
  }

  @Test
  void unsupportedJsonPathSyntaxIsNamed() {
    assertThatThrownBy(() -> Json.jsonPathSteps("$.a[?(@.x)]"))
        .hasMessageContaining("filters and slices are not");
    assertThatThrownBy(() -> Json.jsonPathSteps("data.items"))
        .hasMessageContaining("neither a JSON Pointer");
  }
}
