package io.tributary.enrich.keywords;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * TF-IDF keywords against the statistics of the texts seen so far (one corpus per stream).
 *
 * <p>Each call first adds the text to the corpus (document frequency of each distinct word, and the
 * document count), then ranks the text's words by {@code tf × idf} with {@code tf} the word's share
 * of the text's words and {@code idf = ln((1 + N) / (1 + df)) + 1}. Early in a stream the
 * statistics are thin and the ranking is close to plain word frequency; it sharpens as the corpus
 * grows. Stop words, numbers and single characters are never keywords.
 *
 * <p>Memory: the corpus keeps one counter per distinct word, up to {@code maxVocabulary} words;
 * words first seen after that are scored as if they had never been seen before (highest idf) and
 * are not stored.
 *
 * <p>Threading: safe for concurrent use; counts are updated without locks, so concurrent calls may
 * see each other's documents or not.
 */
public final class TfIdfKeywords {
  private final Set<String> stopwords;
  private final int maxVocabulary;
  private final ConcurrentHashMap<String, LongAdder> documentFrequency = new ConcurrentHashMap<>();
  private final AtomicLong documents = new AtomicLong();

  public TfIdfKeywords(Set<String> stopwords, int maxVocabulary) {
    if (maxVocabulary < 1) {
      throw new IllegalArgumentException("maxVocabulary must be >= 1 but was " + maxVocabulary);
    }
    this.stopwords = Set.copyOf(stopwords);
    this.maxVocabulary = maxVocabulary;
  }

  /** Adds {@code text} to the corpus and returns up to {@code max} of its words, best first. */
  public List<String> keywords(String text, int max) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    int total = 0;
    for (String w : Words.withBoundaries(text)) {
      if (w == null || stopwords.contains(w) || Words.isTrivial(w)) {
        continue;
      }
      counts.merge(w, 1, Integer::sum);
      total++;
    }
    long n = documents.incrementAndGet();
    for (String w : counts.keySet()) {
      LongAdder df = documentFrequency.get(w);
      if (df == null && documentFrequency.size() < maxVocabulary) {
        df = documentFrequency.computeIfAbsent(w, k -> new LongAdder());
      }
      if (df != null) {
        df.increment();
      }
    }
    if (total == 0 || max <= 0) {
      return List.of();
    }
    List<Map.Entry<String, Double>> scored = new ArrayList<>(counts.size());
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      LongAdder df = documentFrequency.get(e.getKey());
      long d = df == null ? 0 : df.sum();
      double idf = Math.log((1.0 + n) / (1.0 + d)) + 1.0;
      scored.add(Map.entry(e.getKey(), e.getValue() / (double) total * idf));
    }
    scored.sort(
        Comparator.comparingDouble((Map.Entry<String, Double> e) -> e.getValue()).reversed());
    return scored.stream().limit(max).map(Map.Entry::getKey).toList();
  }

  /** Documents added so far. */
  public long documents() {
    return documents.get();
  }

  /** Distinct words counted so far. */
  public int vocabularySize() {
    return documentFrequency.size();
  }

  /** How many documents contained {@code word} (lower case), as counted so far. */
  public long documentFrequency(String word) {
    LongAdder df = documentFrequency.get(word);
    return df == null ? 0 : df.sum();
  }
}
