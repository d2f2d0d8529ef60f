package io.tributary.enrich.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {

  private static LanguageIdentifier identifier;

  @BeforeAll
  static void load() {
    identifier = LanguageIdentifier.load(LanguageIdentifier.DEFAULT_LANGUAGES);
  }

  @AfterAll
  static void close() {
    identifier.close();
  }

  @Test
  void detectsGermanAndEnglishFixtureTexts() {
    // heise developer feed summary (fixture rss/heise_developer_news_atom.xml)
    LanguageGuess de =
        identifier.detect(
            "Über das Programm des zehnten Scrum Day stimmen die Teilnehmer selbst ab. Doch zuvor"
                + " sind Scrum-Experten dran, sich bis Ende Februar mit einem Vortrag oder Workshop"
                + " zu bewerben.");
    assertThat(de.code()).isEqualTo("de");
    // the model spreads probability widely; a clear sentence still takes most of it
    assertThat(de.confidence()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    // Guardian title (fixture rss/guardian_us_rss2.xml)
    assertThat(identifier.detect("So, how did conservatives like the State of the Union?").code())
        .isEqualTo("en");
  }

  @Test
  void ignoresLinksMentionsAndEmojiOfTweets() {
    String tweet =
        "RT @caitlinmoriah: Excited for the show! 🎉 https://t.co/yKFtbHfPN7 #BuildWhatsNext";
    assertThat(DetectionText.clean(tweet)).isEqualTo("Excited for the show! BuildWhatsNext");
    assertThat(identifier.detect(tweet).code()).isEqualTo("en");
  }

  @Test
  void textWithoutLettersIsUndetermined() {
    assertThat(identifier.detect("https://t.co/abc 12:30 🚀🚀 @someone"))
        .isEqualTo(LanguageGuess.NONE);
    assertThat(identifier.detect("")).isEqualTo(LanguageGuess.NONE);
    assertThat(identifier.detect(null).code()).isEqualTo("und");
  }

  @Test
  void answersOnlyConfiguredLanguages() {
    try (LanguageIdentifier enDe = LanguageIdentifier.load(List.of("en", "de"))) {
      assertThat(enDe.languages()).containsExactlyInAnyOrder("en", "de");
      // Spanish text must be reported as one of the configured languages
      LanguageGuess g =
          enDe.detect("utilizar la IA para traducir contenido es una excelente manera");
      assertThat(g.code()).isIn("en", "de");
    }
  }

  @Test
  void allMeansEveryModelLanguage() {
    try (LanguageIdentifier all = LanguageIdentifier.load(List.of("all"))) {
      assertThat(all.languages()).hasSizeGreaterThan(90).contains("en", "de", "pl", "sv");
      assertThat(
              all.detect("Dzisiaj jest piękny dzień i wszyscy idziemy na spacer do parku z psem.")
                  .code())
          .isEqualTo("pl");
    }
  }

  @Test
  void unknownLanguageCodesAreReportedTogether() {
    assertThatThrownBy(() -> LanguageIdentifier.load(List.of("en", "xx", "klingon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown: xx, klingon")
        .hasMessageContaining("known: ");
  }

  @Test
  void isSafeForConcurrentUse() throws Exception {
    List<String> texts =
        List.of(
            "Die nun verfügbare Version 10 des Enterprise-Java-Servers stellt die Basis dar",
            "The president promised unity but emphasized discord in the address",
            "utilizar la IA para traducir contenido es una excelente manera de hacer");
    List<String> expected = List.of("de", "en", "es");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results =
          java.util.stream.IntStream.range(0, 400)
              .mapToObj(
                  i ->
                      pool.submit(
                          () ->
                              identifier
                                  .detect(texts.get(i % 3))
                                  .code()
                                  .equals(expected.get(i % 3))))
              .toList();
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdown();
    }
  }
}
