package io.tributary.enrich.sentiment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * VADER's scores for one text.
 *
 * @param neg share of the text's sentiment-bearing weight that is negative, in [0, 1]
 * @param neu share that is neutral, in [0, 1]
 * @param pos share that is positive, in [0, 1]; {@code neg + neu + pos} is 1 (up to rounding) or
 *     all three are 0 for a text without tokens
 * @param compound the normalised sum of all valences, in [-1, 1]
 */
public record SentimentScores(double neg, double neu, double pos, double compound) {

  /** The threshold VADER's authors recommend: compound at or beyond ±0.05 is not neutral. */
  public static final double LABEL_THRESHOLD = 0.05;

  /** The scores of a text with nothing to score. */
  public static final SentimentScores EMPTY = new SentimentScores(0, 0, 0, 0);

  /** {@code positive}, {@code negative} or {@code neutral}, by {@link #LABEL_THRESHOLD}. */
  public String label() {
    if (compound >= LABEL_THRESHOLD) {
      return "positive";
    }
    if (compound <= -LABEL_THRESHOLD) {
      return "negative";
    }
    return "neutral";
  }

  /** The record field shape: {@code {neg, neu, pos, compound, label}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("neg", neg);
    m.put("neu", neu);
    m.put("pos", pos);
    m.put("compound", compound);
    m.put("label", label());
    return m;
  }
}
