package io.tributary.enrich.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of scoring an enricher against a labelled file.
 *
 * @param task what was evaluated
 * @param scored lines that were scored
 * @param skipped lines that could not be used (see {@code problems})
 * @param problems the first problems found, each as {@code line N: what is wrong}
 * @param accuracy share of labels predicted exactly, or {@code null} when no line had a label
 * @param binaryAccuracy sentiment only, when every label is positive or negative: the share whose
 *     compound has the right sign (0 counts as positive), else {@code null}
 * @param pearson sentiment only: correlation of compound with the lines' {@code score}, or {@code
 *     null} when fewer than two lines had a score
 * @param perClass precision, recall and F1 per gold or predicted class
 * @param macroF1 the unweighted mean F1 over the gold classes, or {@code null}
 * @param confusion counts by gold class, then predicted class
 */
public record EvaluationResult(
    Evaluator.Task task,
    long scored,
    long skipped,
    List<String> problems,
    Double accuracy,
    Double binaryAccuracy,
    Double pearson,
    Map<String, ClassMetrics> perClass,
    Double macroF1,
    Map<String, Map<String, Long>> confusion) {

  /**
   * Precision, recall and F1 of one class.
   *
   * @param support gold lines of this class
   */
  public record ClassMetrics(double precision, double recall, double f1, long support) {}

  /** A plain-text report for people. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %d scored, %d skipped%n", name(), scored, skipped));
    if (accuracy != null) {
      sb.append(String.format(Locale.ROOT, "accuracy        %.4f%n", accuracy));
    }
    if (binaryAccuracy != null) {
      sb.append(
          String.format(Locale.ROOT, "binary accuracy %.4f  (sign of compound)%n", binaryAccuracy));
    }
    if (macroF1 != null) {
      sb.append(String.format(Locale.ROOT, "macro F1        %.4f%n", macroF1));
    }
    if (pearson != null) {
      sb.append(String.format(Locale.ROOT, "pearson r       %.4f  (compound vs score)%n", pearson));
    }
    if (!perClass.isEmpty()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-10s %9s %9s %9s %8s%n",
              "class",
              "precision",
              "recall",
              "f1",
              "support"));
      perClass.forEach(
          (c, m) ->
              sb.append(
                  String.format(
                      Locale.ROOT,
                      "%-10s %9.4f %9.4f %9.4f %8d%n",
                      c,
                      m.precision(),
                      m.recall(),
                      m.f1(),
                      m.support())));
    }
    for (String p : problems) {
      sb.append("skipped ").append(p).append(System.lineSeparator());
    }
    return sb.toString();
  }

  private String name() {
    return task.name().toLowerCase(Locale.ROOT);
  }
}
