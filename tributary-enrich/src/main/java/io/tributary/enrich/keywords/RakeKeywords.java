package io.tributary.enrich.keywords;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RAKE, Rapid Automatic Keyword Extraction (Rose, Engel, Cramer &amp; Cowley, 2010), written for
 * Tributary from the method's description: candidate phrases are the runs of words between stop
 * words and punctuation; each word scores {@code degree / frequency} (degree counts the words of
 * every candidate it appears in); a phrase scores the sum of its words; the best phrases win.
 *
 * <p>It looks at one text alone, so it needs no corpus and is deterministic. Candidates longer than
 * {@code maxWords} words are dropped, as are numbers and single characters.
 *
 * <p>Threading: immutable; safe for concurrent use.
 */
public final class RakeKeywords {
  private final Set<String> stopwords;
  private final int maxWords;

  public RakeKeywords(Set<String> stopwords, int maxWords) {
    if (maxWords < 1) {
      throw new IllegalArgumentException("maxWords must be >= 1 but was " + maxWords);
    }
    this.stopwords = Set.copyOf(stopwords);
    this.maxWords = maxWords;
  }

  /** Up to {@code max} key phrases of {@code text}, best first, lower-cased. */
  public List<String> keywords(String text, int max) {
    if (text == null || text.isBlank() || max <= 0) {
      return List.of();
    }
    List<List<String>> candidates = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String w : Words.withBoundaries(text)) {
      if (w == null || stopwords.contains(w) || Words.isTrivial(w)) {
        flush(current, candidates);
      } else {
        current.add(w);
      }
    }
    flush(current, candidates);

    Map<String, int[]> wordStats = new HashMap<>(); // {frequency, degree}
    for (List<String> phrase : candidates) {
      for (String w : phrase) {
        int[] st = wordStats.computeIfAbsent(w, k -> new int[2]);
        st[0]++;
        st[1] += phrase.size();
      }
    }
    Map<String, Double> phraseScores = new LinkedHashMap<>(); // keeps first occurrence order
    for (List<String> phrase : candidates) {
      String key = String.join(" ", phrase);
      if (phraseScores.containsKey(key)) {
        continue;
      }
      double score = 0;
      for (String w : phrase) {
        int[] st = wordStats.get(w);
        score += st[1] / (double) st[0];
      }
      phraseScores.put(key, score);
    }
    List<Map.Entry<String, Double>> ranked = new ArrayList<>(phraseScores.entrySet());
    // stable sort: equal scores keep their order of first appearance
    ranked.sort(
        Comparator.comparingDouble((Map.Entry<String, Double> e) -> e.getValue()).reversed());
    return ranked.stream().limit(max).map(Map.Entry::getKey).toList();
  }

  private void flush(List<String> current, List<List<String>> candidates) {
    if (!current.isEmpty() && current.size() <= maxWords) {
      candidates.add(List.copyOf(current));
    }
    current.clear();
  }
}
