package io.tributary.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlDocumentTest {

  private static YamlDocument parse(String yaml, Problems problems) {
    return YamlDocument.parse(yaml, "f.yaml", new Interpolator(Map.of("X", "42")), problems);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "true       | java.lang.Boolean | true",
        "FALSE      | java.lang.Boolean | false",
        "42         | java.lang.Long    | 42",
        "-7         | java.lang.Long    | -7",
        "+7         | java.lang.Long    | 7",
        "0o17       | java.lang.Long    | 15",
        "0x1F       | java.lang.Long    | 31",
        "1.5        | java.lang.Double  | 1.5",
        "1e3        | java.lang.Double  | 1000.0",
        "-.inf      | java.lang.Double  | -Infinity",
        ".NaN       | java.lang.Double  | NaN",
        "yes        | java.lang.String  | yes",
        "off        | java.lang.String  | off",
        "2024-01-01 | java.lang.String  | 2024-01-01",
        "1_000      | java.lang.String  | 1_000",
        "0b101      | java.lang.String  | 0b101",
        "12:30      | java.lang.String  | 12:30"
      })
  void plainScalarsAreTypedByTheYaml12CoreSchema(String text, String type, String shown) {
    Object value = YamlDocument.core(text);

    assertThat(value.getClass().getName()).isEqualTo(type);
    assertThat(String.valueOf(value)).isEqualTo(shown);
  }

  @Test
  void nullsAndHugeIntegers() {
    assertThat(YamlDocument.core("~")).isNull();
    assertThat(YamlDocument.core("null")).isNull();
    assertThat(YamlDocument.core("")).isNull();
    assertThat(YamlDocument.core("123456789012345678901234567890"))
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(YamlDocument.core("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void quotedScalarsAndExplicitStringTagsStayStrings() {
    Problems problems = new Problems();
    YamlDocument doc = parse("a: '42'\nb: \"true\"\nc: !!str 7\nd: ${X}\ne: '${X}'\n", problems);

    assertThat(problems.isEmpty()).isTrue();
    assertThat(doc.root()).isEqualTo(Map.of("a", "42", "b", "true", "c", "7", "d", 42L, "e", "42"));
    assertThat(doc.scalarText("d")).isEqualTo("42");
    assertThat(doc.variables("d")).containsExactly("X");
  }

  @Test
  void positionsOfKeysAndValuesAreKeptPerPath() {
    Problems problems = new Problems();
    YamlDocument doc =
        parse("top:\n  list:\n    - {k: v}\n    - plain\n  \"odd.key\": 1\n", problems);

    assertThat(doc.keyPos("top.list")).isEqualTo(new Problems.Pos(2, 3));
    assertThat(doc.valuePos("top.list[0].k")).isEqualTo(new Problems.Pos(3, 11));
    assertThat(doc.valuePos("top.list[1]")).isEqualTo(new Problems.Pos(4, 7));
    assertThat(doc.keyPos("top[\"odd.key\"]")).isEqualTo(new Problems.Pos(5, 3));
    assertThat(doc.valuePos("top.list[0].missing")).isEqualTo(new Problems.Pos(3, 7));
    assertThat(doc.keyPos("top.absent")).isEqualTo(new Problems.Pos(1, 1));
  }

  @Test
  void pathsQuoteOddKeysAndWalkUp() {
    assertThat(YamlDocument.child("", "name")).isEqualTo("name");
    assertThat(YamlDocument.child("a", "b-c_d")).isEqualTo("a.b-c_d");
    assertThat(YamlDocument.child("a", "x.y")).isEqualTo("a[\"x.y\"]");
    assertThat(YamlDocument.item("a.b", 3)).isEqualTo("a.b[3]");
    assertThat(YamlDocument.parent("a.b[3]")).isEqualTo("a.b");
    assertThat(YamlDocument.parent("a[\"x.y\"]")).isEqualTo("a");
    assertThat(YamlDocument.parent("a.b")).isEqualTo("a");
    assertThat(YamlDocument.parent("a")).isEmpty();
  }

  @Test
  void ownKeysWinOverMergedOnesAndEarlierMergesWinOverLaterOnes() {
    Problems problems = new Problems();
    YamlDocument doc =
        parse(
            """
            x-a: &a {k: a, only_a: 1}
            x-b: &b {k: b, only_b: 2}
            m:
              <<: [*a, *b]
              k: own
            """,
            problems);

    assertThat(problems.isEmpty()).isTrue();
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) ((Map<String, Object>) doc.root()).get("m");
    assertThat(m).isEqualTo(Map.of("k", "own", "only_a", 1L, "only_b", 2L));
    assertThat(List.copyOf(m.keySet())).containsExactly("k", "only_a", "only_b");
  }

  @Test
  void mergingSomethingOtherThanAMappingIsAProblem() {
    Problems problems = new Problems();
    parse("m:\n  <<: plain\n  k: v\n", problems);

    assertThat(problems.toConfigProblems(Set.of(), Set.of()))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("'<<' merges a mapping"));
  }

  @Test
  void nonScalarKeysAreProblems() {
    Problems problems = new Problems();
    parse("? [a, b]\n: v\n", problems);

    assertThat(problems.toConfigProblems(Set.of(), Set.of()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo("f.yaml:1:3");
              assertThat(p.message()).startsWith("keys must be plain strings");
            });
  }
}
