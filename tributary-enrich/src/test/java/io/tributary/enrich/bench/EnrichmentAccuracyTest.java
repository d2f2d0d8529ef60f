package io.tributary.enrich.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.enrich.eval.EvaluationResult;
import io.tributary.enrich.eval.Evaluator;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards the accuracy measured for docs/enrichment.md against regressions: the bounds sit just
 * below the figures measured when the enrichers were written.
 */
class EnrichmentAccuracyTest {

  @ParameterizedTest
  @ValueSource(strings = {"amazon", "imdb", "yelp"})
  void vaderSignAccuracyOnUciReviewsStaysAtItsMeasuredLevel(String set) throws Exception {
    EvaluationResult r =
        new Evaluator()
            .evaluate(Evaluator.Task.SENTIMENT, new StringReader(EvalData.uciJsonl(set)));
    assertThat(r.scored()).isEqualTo(1000);
    // measured 0.767 (amazon), 0.767 (imdb), 0.730 (yelp)
    assertThat(r.binaryAccuracy()).isGreaterThanOrEqualTo(0.72);
    assertThat(r.perClass().get("positive").precision()).isGreaterThan(0.8);
    assertThat(r.perClass().get("negative").precision()).isGreaterThan(0.85);
  }

  @Test
  void languageAccuracyOnFixtureTextsStaysAtItsMeasuredLevel() throws Exception {
    ObjectMapper json = new ObjectMapper();
    StringBuilder jsonl = new StringBuilder();
    try (InputStream in = getClass().getResourceAsStream("/eval/language/fixture-texts.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          JsonNode n = json.readTree(line);
          jsonl
              .append(
                  json.createObjectNode()
                      .put("text", n.get("text").asText())
                      .put("label", n.get("label").asText()))
              .append('\n');
        }
      }
    }
    EvaluationResult r =
        new Evaluator().evaluate(Evaluator.Task.LANGUAGE, new StringReader(jsonl.toString()));
    assertThat(r.scored()).isEqualTo(339);
    // measured 335/339 = 0.988: three short German titles read as English, one English as German
    assertThat(r.accuracy()).isGreaterThanOrEqualTo(0.98);
    assertThat(r.perClass().get("en").recall()).isGreaterThan(0.99);
    assertThat(r.perClass().get("de").recall()).isGreaterThanOrEqualTo(0.9);
  }
}
