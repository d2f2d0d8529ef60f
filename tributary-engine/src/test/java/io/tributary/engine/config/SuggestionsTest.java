package io.tributary.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private static final List<String> KEYS = List.of("connector", "config", "streams");

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(Suggestions.distance("conector", "connector")).isEqualTo(1);
    assertThat(Suggestions.distance("confg", "config")).isEqualTo(1);
    assertThat(Suggestions.distance("stream", "streams")).isEqualTo(1);
    assertThat(Suggestions.distance("cnofig", "config")).isEqualTo(2);
    assertThat(Suggestions.distance("abc", "abc")).isZero();
  }

  @Test
  void suggestsTheClosestWithinTwoEdits() {
    assertThat(Suggestions.closest("conector", KEYS)).contains("connector");
    assertThat(Suggestions.closest("Config", KEYS)).contains("config");
    assertThat(Suggestions.closest("strms", KEYS)).contains("streams");
    assertThat(Suggestions.closest("colour", KEYS)).isEmpty();
    assertThat(Suggestions.closest("", KEYS)).isEmpty();
  }

  @Test
  void tiesGoToTheFirstCandidate() {
    assertThat(Suggestions.closest("ab", List.of("abc", "abd"))).contains("abc");
    assertThat(Suggestions.didYouMean("ab", List.of("abd", "abc")))
        .isEqualTo(" (did you mean 'abd'?)");
    assertThat(Suggestions.didYouMean("zzzz", List.of("abd"))).isEmpty();
  }
}
