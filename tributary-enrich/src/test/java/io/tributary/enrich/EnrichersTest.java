package io.tributary.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrichersTest {

  @Test
  void enrichReturnsTheSameFieldsAsTheProcessorsInOrder() {
    try (Enrichers e = Enrichers.create(List.of("language", "sentiment", "entities", "keywords"))) {
      assertThat(e.names()).containsExactly("language", "sentiment", "entities", "keywords");
      Map<String, Object> out =
          e.enrich("Die Version 10 ist da! Jetzt herunterladen: https://heise.de");
      assertThat(out).containsOnlyKeys("language", "sentiment", "entities", "keywords");
      assertThat(out.keySet()).containsExactly("language", "sentiment", "entities", "keywords");
      assertThat(((Map<?, ?>) out.get("language")).get("code")).isEqualTo("de");
      assertThat((List<?>) out.get("entities")).hasSize(1);
    }
  }

  @Test
  void settingsAreAppliedAndValidated() {
    try (Enrichers e =
        Enrichers.create(List.of("keywords"), Map.of("keywords", Map.of("max", 1L)))) {
      assertThat((List<?>) e.enrich("solar power plants and wind farms").get("keywords"))
          .hasSize(1);
    }
    assertThatThrownBy(() -> Enrichers.create(List.of("sentiment"), Map.of("language", Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not among the enrichers");
  }

  @Test
  void unknownNamesAreAllReported() {
    assertThatThrownBy(() -> Enrichers.create(List.of("sentiment", "emotion", "topics")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown enricher(s) emotion, topics; expected one or more of: sentiment, language,"
                + " entities, keywords");
    assertThatThrownBy(() -> Enrichers.create(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name at least one enricher");
  }

  @Test
  void cacheHitRateIsExposedPerEnricher() {
    try (Enrichers e = Enrichers.create(List.of("sentiment", "keywords"))) {
      e.enrich("I love this");
      e.enrich("I love this");
      e.enrich("I hate this");
      CacheStatistics s = e.cacheStatistics().get("sentiment");
      assertThat(s.hits()).isEqualTo(1);
      assertThat(s.misses()).isEqualTo(2);
      assertThat(s.hitRate()).isCloseTo(1 / 3.0, org.assertj.core.api.Assertions.within(1e-9));
      assertThat(e.cacheStatistics()).containsOnlyKeys("sentiment", "keywords");
    }
  }

  @Test
  void nullTextCountsAsEmpty() {
    try (Enrichers e = Enrichers.create(List.of("sentiment", "language"))) {
      Map<String, Object> out = e.enrich(null);
      assertThat(((Map<?, ?>) out.get("sentiment")).get("label")).isEqualTo("neutral");
      assertThat(((Map<?, ?>) out.get("language")).get("code")).isEqualTo("und");
    }
  }
}
