package io.tributary.enrich.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {

  private final Evaluator evaluator = new Evaluator();

  @Test
  void sentimentLabelsGiveAccuracyAndPerClassScores() throws Exception {
    String jsonl =
        """
        {"text": "I love this phone, it is great", "label": "positive"}
        {"text": "Terrible battery, I hate it", "label": "negative"}
        {"text": "The box contains a cable", "label": "neutral"}
        {"text": "Not bad at all", "label": "negative"}
        """;
    EvaluationResult r = evaluator.evaluate(Evaluator.Task.SENTIMENT, new StringReader(jsonl));
    assertThat(r.scored()).isEqualTo(4);
    assertThat(r.skipped()).isZero();
    // "Not bad at all" scores positive: 3 of 4 right
    assertThat(r.accuracy()).isEqualTo(0.75);
    assertThat(r.binaryAccuracy()).isNull(); // neutral labels present
    assertThat(r.perClass().get("positive").precision()).isEqualTo(0.5);
    assertThat(r.perClass().get("positive").recall()).isEqualTo(1.0);
    assertThat(r.perClass().get("negative").recall()).isEqualTo(0.5);
    assertThat(r.perClass().get("negative").support()).isEqualTo(2);
    assertThat(r.confusion().get("negative")).containsEntry("positive", 1L);
    assertThat(r.format()).contains("accuracy        0.7500").contains("negative");
  }

  @Test
  void binaryLabelsAlsoGetSignAccuracy() throws Exception {
    String jsonl =
        """
        {"text": "great", "label": 1}
        {"text": "awful", "label": -1}
        {"text": "a cable", "label": "pos"}
        """;
    EvaluationResult r = evaluator.evaluate(Evaluator.Task.SENTIMENT, new StringReader(jsonl));
    // "a cable" is neutral (compound 0): wrong as a label, right by sign (0 counts as positive)
    assertThat(r.accuracy()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(r.binaryAccuracy()).isEqualTo(1.0);
  }

  @Test
  void scoresGiveAPearsonCorrelation() throws Exception {
    String jsonl =
        """
        {"text": "horrible, awful, the worst", "score": -3.5}
        {"text": "bad", "score": -1}
        {"text": "a cable", "score": 0}
        {"text": "good", "score": 1.2}
        {"text": "wonderful, amazing, the best!!!", "score": 3.8}
        """;
    EvaluationResult r = evaluator.evaluate(Evaluator.Task.SENTIMENT, new StringReader(jsonl));
    assertThat(r.pearson()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
    assertThat(r.accuracy()).isNull();
  }

  @Test
  void languageLabelsGiveAccuracy(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lang.jsonl");
    Files.writeString(
        file,
        """
        {"text": "Die nun verfügbare Version 10 des Enterprise-Java-Servers stellt die Basis dar", "label": "de"}
        {"text": "The president promised unity but emphasized discord", "label": "en"}
        {"text": "utilizar la IA para traducir contenido es una excelente manera", "label": "es"}
        """);
    EvaluationResult r = evaluator.evaluate(Evaluator.Task.LANGUAGE, file);
    assertThat(r.scored()).isEqualTo(3);
    assertThat(r.accuracy()).isEqualTo(1.0);
    assertThat(r.macroF1()).isEqualTo(1.0);
    assertThat(r.perClass()).containsOnlyKeys("de", "en", "es");
  }

  @Test
  void badLinesAreSkippedAndReportedWithTheirNumbers() throws Exception {
    String jsonl =
        """
        {"text": "good", "label": "positive"}
        not json
        {"label": "positive"}
        {"text": "good", "label": "happy"}

        {"text": "good"}
        ["text"]
        """;
    EvaluationResult r = evaluator.evaluate(Evaluator.Task.SENTIMENT, new StringReader(jsonl));
    assertThat(r.scored()).isEqualTo(1);
    assertThat(r.skipped()).isEqualTo(5);
    assertThat(r.problems())
        .hasSize(5)
        .anySatisfy(p -> assertThat(p).startsWith("line 2: not valid JSON"))
        .anySatisfy(p -> assertThat(p).isEqualTo("line 3: 'text' must be a string"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "line 4: 'label' must be positive, negative or neutral (was: \"happy\")"))
        .anySatisfy(p -> assertThat(p).isEqualTo("line 6: needs 'label' or 'score'"))
        .anySatisfy(p -> assertThat(p).isEqualTo("line 7: must be a JSON object with 'text'"));
  }

  @Test
  void taskNamesAreParsedWithAClearError() {
    assertThat(Evaluator.Task.of("Language")).isEqualTo(Evaluator.Task.LANGUAGE);
    assertThatThrownBy(() -> Evaluator.Task.of("entities"))
        .hasMessage("task must be one of sentiment, language (was: entities)");
  }

  @Test
  void pearsonNeedsVariance() {
    assertThat(Evaluator.pearson(List.of(new double[] {1, 2}))).isNull();
    assertThat(Evaluator.pearson(List.of(new double[] {1, 2}, new double[] {1, 3}))).isNull();
    assertThat(Evaluator.pearson(List.of(new double[] {1, 2}, new double[] {2, 4}))).isEqualTo(1.0);
  }
}
