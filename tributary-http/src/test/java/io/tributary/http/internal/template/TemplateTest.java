package io.tributary.http.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private final Map<String, Object> ctx =
      Map.of(
          "config", Map.of("symbols", List.of("AAPL", "MSFT"), "key", "k1", "limit", 100L),
          "partition", Map.of("symbol", "AAPL"),
          "record", Map.of("period", Map.of("from", Map.of("utc", "2025-01-01T00:00:00Z"))));

  @Test
  void aSingleExpressionKeepsTheValuesType() {
    assertThat(Template.parse("{{ config.symbols }}").render(ctx))
        .isEqualTo(List.of("AAPL", "MSFT"));
    assertThat(Template.parse("{{config.limit}}").render(ctx)).isEqualTo(100L);
  }

  @Test
  void mixedTextJoinsValuesAndMissingOnesAreEmpty() {
    assertThat(Template.parse("/q/{{ partition.symbol }}/{{ config.nope }}x").render(ctx))
        .isEqualTo("/q/AAPL/x");
    assertThat(Template.parse("ids={{ config.symbols }}").renderText(ctx))
        .isEqualTo("ids=AAPL,MSFT");
  }

  @Test
  void filtersTransformValues() {
    assertThat(Template.parse("{{ config.symbols | join('|') | lower }}").render(ctx))
        .isEqualTo("aapl|msft");
    assertThat(Template.parse("{{ config.missing | default('usd') | upper }}").render(ctx))
        .isEqualTo("USD");
    assertThat(Template.parse("{{ config.symbols | first }}").render(ctx)).isEqualTo("AAPL");
    assertThat(Template.parse("{{ record.period.from.utc }}").render(ctx))
        .isEqualTo("2025-01-01T00:00:00Z");
  }

  @Test
  void listsAreIndexedByNumericSegments() {
    assertThat(Template.parse("{{ config.symbols.1 }}").render(ctx)).isEqualTo("MSFT");
    assertThat(Template.parse("{{ config.symbols.9 }}").render(ctx)).isNull();
  }

  @Test
  void syntaxErrorsSayWhatIsWrong() {
    assertThatThrownBy(() -> Template.parse("/a/{{ partition.x"))
        .hasMessageContaining("has no closing '}}'");
    assertThatThrownBy(() -> Template.parse("{{ config.x | shout }}"))
        .hasMessageContaining("unknown filter 'shout'")
        .hasMessageContaining("join('sep')");
    assertThatThrownBy(() -> Template.parse("{{ config.x | join }}"))
        .hasMessageContaining("needs an argument");
    assertThatThrownBy(() -> Template.parse("{{ 1 + 2 }}"))
        .hasMessageContaining("not a value path");
  }

  @Test
  void rootsListTheContextsATemplateReads() {
    assertThat(Template.parse("{{ config.a }}/{{ partition.b }}/{{ config.c }}").roots())
        .containsExactly("config", "partition");
    assertThat(Template.parse("plain").isLiteral()).isTrue();
  }
}
