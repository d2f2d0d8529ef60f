package io.tributary.enrich.keywords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KeywordsTest {

  private static final RakeKeywords RAKE = new RakeKeywords(Stopwords.load("en"), 4);

  /** The sample abstract the RAKE paper works through (Rose et al. 2010, figure 1.1). */
  private static final String RAKE_PAPER_ABSTRACT =
      "Compatibility of systems of linear constraints over the set of natural numbers. Criteria of"
          + " compatibility of a system of linear Diophantine equations, strict inequations, and"
          + " nonstrict inequations are considered. Upper bounds for components of a minimal set of"
          + " solutions and algorithms of construction of minimal generating sets of solutions for"
          + " all types of systems are given. These criteria and the corresponding algorithms for"
          + " constructing a minimal supporting set of solutions can be used in solving all the"
          + " considered types systems and systems of mixed types.";

  @Test
  void rakeRanksTheLongCohesivePhrasesOfThePaperExampleFirst() {
    List<String> top = RAKE.keywords(RAKE_PAPER_ABSTRACT, 4);
    assertThat(top)
        .hasSize(4)
        .contains(
            "minimal generating sets", "linear diophantine equations", "minimal supporting set");
  }

  @Test
  void rakeSplitsAtStopwordsAndPunctuationAndDropsNumbers() {
    List<String> all =
        RAKE.keywords("Red Hat releases WildFly 10, the Java application server.", 10);
    assertThat(all).contains("red hat releases wildfly", "java application server");
    assertThat(all).noneMatch(k -> k.contains("10") || k.contains("the"));
  }

  @Test
  void rakeDropsPhrasesLongerThanTheLimitAndDuplicates() {
    RakeKeywords two = new RakeKeywords(Stopwords.load("en"), 2);
    assertThat(two.keywords("alpha beta gamma delta. solar power. solar power!", 10))
        .containsExactly("solar power");
  }

  @Test
  void rakeIgnoresLinksAndMentions() {
    assertThat(RAKE.keywords("@TwitterDev new tutorial https://t.co/nGiZAQqnM3 on Dash", 10))
        .containsExactly("new tutorial", "dash");
  }

  @Test
  void rakeHonoursTheLimitAndEmptyText() {
    assertThat(RAKE.keywords(RAKE_PAPER_ABSTRACT, 2)).hasSize(2);
    assertThat(RAKE.keywords("", 5)).isEmpty();
    assertThat(RAKE.keywords("the and of", 5)).isEmpty();
  }

  @Test
  void germanStopwordsWork() {
    RakeKeywords de = new RakeKeywords(Stopwords.load("de"), 3);
    // heise title from the fixtures
    assertThat(de.keywords("Scrum Day 2016: Bewerbungen für Vorträge und Workshops", 5))
        .containsExactlyInAnyOrder("scrum day", "bewerbungen", "vorträge", "workshops");
  }

  @Test
  void unknownStopwordListIsAClearError() {
    assertThatThrownBy(() -> Stopwords.load("fr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'stopwords' must be one of en, de (was: fr)");
  }

  @Test
  void tfIdfPrefersWordsRareInTheCorpus() {
    TfIdfKeywords tfidf = new TfIdfKeywords(Stopwords.load("en"), 10_000);
    for (int i = 0; i < 20; i++) {
      tfidf.keywords("bitcoin price update number " + i + " bitcoin market", 5);
    }
    List<String> top = tfidf.keywords("bitcoin halving bitcoin halving market", 3);
    assertThat(top.get(0)).isEqualTo("halving");
    assertThat(top).containsExactly("halving", "bitcoin", "market");
    assertThat(tfidf.documents()).isEqualTo(21);
    assertThat(tfidf.documentFrequency("bitcoin")).isEqualTo(21);
    assertThat(tfidf.documentFrequency("halving")).isEqualTo(1);
  }

  @Test
  void tfIdfVocabularyIsBounded() {
    TfIdfKeywords tfidf = new TfIdfKeywords(Stopwords.load("en"), 3);
    tfidf.keywords("alpha beta gamma delta epsilon", 5);
    tfidf.keywords("zeta eta theta", 5);
    assertThat(tfidf.vocabularySize()).isEqualTo(3);
    // unseen words still score (as the rarest possible)
    assertThat(tfidf.keywords("iota kappa alpha", 3)).contains("iota", "kappa");
  }

  @Test
  void tfIdfCountsEveryDocumentUnderConcurrency() throws Exception {
    TfIdfKeywords tfidf = new TfIdfKeywords(Stopwords.load("en"), 100_000);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 250; i++) {
                    tfidf.keywords("shared word plus unique" + thread + "x" + i, 3);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(tfidf.documents()).isEqualTo(1000);
    assertThat(tfidf.documentFrequency("shared")).isEqualTo(1000);
    assertThat(tfidf.vocabularySize()).isEqualTo(3 + 1000); // shared, word, plus, 1000 unique
  }
}
