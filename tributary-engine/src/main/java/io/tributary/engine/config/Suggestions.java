package io.tributary.engine.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" suggestions by edit distance. */
final class Suggestions {
  static final int MAX_DISTANCE = 2;

  private Suggestions() {}

  /**
   * The candidate closest to {@code given} (case-insensitive Levenshtein distance at most {@value
   * #MAX_DISTANCE}); on a tie, the first in iteration order.
   */
  static Optional<String> closest(String given, Collection<String> candidates) {
    if (given == null || given.isEmpty()) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String c : candidates) {
      int d =
          distance(given.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance && !c.equals(given)) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code " (did you mean 'x'?)"} or the empty string. */
  static String didYouMean(String given, Collection<String> candidates) {
    return closest(given, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > MAX_DISTANCE) {
      return MAX_DISTANCE + 1;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
