package io.tributary.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VaderSentimentTest {

  private static final VaderSentiment VADER = VaderSentiment.load();

  private static double compound(String text) {
    return VADER.score(text).compound();
  }

  @Test
  void lexiconLoadsEveryDistinctToken() throws Exception {
    Set<String> distinct = new HashSet<>();
    try (InputStream in =
        VaderSentiment.class.getResourceAsStream("/io/tributary/enrich/vader/vader_lexicon.txt")) {
      new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .forEach(l -> distinct.add(l.substring(0, l.indexOf('\t'))));
    }
    assertThat(distinct).hasSizeGreaterThan(7000);
    assertThat(VADER.lexiconSize()).isEqualTo(distinct.size());
  }

  /**
   * The example sentences and outputs published with VADER (the authors' README/demo, reproduced by
   * its JavaScript port's test suite). Matching them checks that the rules, constants and
   * tokenisation follow the published algorithm.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "VADER is smart, handsome, and funny.|0.0|0.254|0.746|0.8316",
        "VADER is smart, handsome, and funny!|0.0|0.248|0.752|0.8439",
        "VADER is very smart, handsome, and funny.|0.0|0.299|0.701|0.8545",
        "VADER is VERY SMART, handsome, and FUNNY.|0.0|0.246|0.754|0.9227",
        "VADER is VERY SMART, handsome, and FUNNY!!!|0.0|0.233|0.767|0.9342",
        "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!|0.0|0.294|0.706|0.9469",
        "VADER is not smart, handsome, nor funny.|0.646|0.354|0.0|-0.7424",
        "The book was good.|0.0|0.508|0.492|0.4404",
        "At least it isn't a horrible book.|0.0|0.637|0.363|0.431",
        "The book was only kind of good.|0.0|0.697|0.303|0.3832",
        "The plot was good, but the characters are uncompelling and the dialog is not great.|0.327|0.579|0.094|-0.7042",
        "Today SUX!|0.779|0.221|0.0|-0.5461",
        "Today only kinda sux! But I'll get by, lol|0.127|0.556|0.317|0.5249",
        "Make sure you :) or :D today!|0.0|0.294|0.706|0.8633",
        "Not bad at all|0.0|0.513|0.487|0.431",
      })
  void reproducesThePublishedExampleScores(
      String text, double neg, double neu, double pos, double compound) {
    SentimentScores s = VADER.score(text);
    assertThat(s.compound()).as("compound of %s", text).isCloseTo(compound, within(1e-4));
    assertThat(s.neg()).as("neg of %s", text).isCloseTo(neg, within(1e-3));
    assertThat(s.neu()).as("neu of %s", text).isCloseTo(neu, within(1e-3));
    assertThat(s.pos()).as("pos of %s", text).isCloseTo(pos, within(1e-3));
  }

  @Test
  void negationFlipsPolarity() {
    assertThat(compound("The service was good")).isPositive();
    assertThat(compound("The service was not good")).isNegative();
    assertThat(compound("The service wasn't good")).isNegative();
    assertThat(compound("This is not bad")).isPositive();
    // a negator up to three tokens away still applies
    assertThat(compound("It is not that very good")).isNegative();
  }

  @Test
  void noBeforeAWordNegatesItButNoAloneIsNegative() {
    assertThat(compound("no problems here")).isPositive();
    assertThat(compound("no")).isNegative();
  }

  @Test
  void boostersIncreaseAndDampenersDecreaseIntensity() {
    double plain = compound("The movie was good");
    assertThat(compound("The movie was very good")).isGreaterThan(plain);
    assertThat(compound("The movie was extremely good")).isGreaterThan(plain);
    assertThat(compound("The movie was slightly good")).isLessThan(plain).isPositive();
    assertThat(compound("The movie was sort of good")).isLessThan(plain).isPositive();
    double bad = compound("The movie was bad");
    assertThat(compound("The movie was very bad")).isLessThan(bad);
    assertThat(compound("The movie was somewhat bad")).isGreaterThan(bad).isNegative();
  }

  @Test
  void allCapsEmphasisesOnlyWhenTheTextMixesCase() {
    double plain = compound("The movie was great");
    assertThat(compound("The movie was GREAT")).isGreaterThan(plain);
    // a text entirely in capitals has no contrast, so no extra emphasis
    assertThat(compound("THE MOVIE WAS GREAT")).isCloseTo(plain, within(1e-9));
    assertThat(compound("The movie was TERRIBLE")).isLessThan(compound("The movie was terrible"));
  }

  @Test
  void exclamationMarksIntensifyUpToFour() {
    double none = compound("The food is good");
    double one = compound("The food is good!");
    double three = compound("The food is good!!!");
    double four = compound("The food is good!!!!");
    double six = compound("The food is good!!!!!!");
    assertThat(one).isGreaterThan(none);
    assertThat(three).isGreaterThan(one);
    assertThat(four).isGreaterThan(three);
    assertThat(six).isEqualTo(four);
    assertThat(compound("The food is awful!!!")).isLessThan(compound("The food is awful"));
  }

  @Test
  void questionMarksIntensifyFromTwoOn() {
    double none = compound("Is this good");
    assertThat(compound("Is this good?")).isEqualTo(none);
    assertThat(compound("Is this good??")).isGreaterThan(none);
    assertThat(compound("Is this good????")).isGreaterThan(compound("Is this good???"));
  }

  @Test
  void butShiftsWeightToTheSecondClause() {
    // without "but" the two halves would cancel to mildly positive; with it the second dominates
    assertThat(compound("The food was great, but the service was horrible")).isNegative();
    assertThat(compound("The food was horrible, but the service was great")).isPositive();
    assertThat(compound("The food was great and the service was horrible"))
        .isGreaterThan(compound("The food was great, but the service was horrible"));
  }

  @Test
  void neverSoIntensifiesAndWithoutDoubtKeepsPolarity() {
    assertThat(compound("I have never been so happy")).isPositive();
    assertThat(compound("this was never so good")).isGreaterThan(compound("this was so good"));
    assertThat(compound("It is without doubt good")).isPositive();
    assertThat(compound("It is without good")).isNegative();
  }

  @Test
  void leastNegatesExceptInAtLeast() {
    assertThat(compound("the least happy person")).isNegative();
    assertThat(compound("at least happy")).isPositive();
  }

  @Test
  void emoticonsAndEmojiCarrySentiment() {
    assertThat(compound("see you tomorrow :)")).isPositive();
    assertThat(compound("see you tomorrow :(")).isNegative();
    assertThat(compound("see you tomorrow <3")).isPositive();
    assertThat(compound("see you tomorrow 😂")).isPositive();
    assertThat(compound("see you tomorrow 😢")).isNegative();
    assertThat(compound("see you tomorrow 😡")).isNegative();
    assertThat(compound("nice work 😍")).isGreaterThan(compound("nice work"));
    // skin-tone modifiers and variation selectors are dropped with the emoji
    assertThat(VaderSentiment.replaceEmoji("ok 👍🏽 ❤️!")).isEqualTo("ok  thumbs up   red heart !");
    assertThat(compound("see you tomorrow")).isZero();
  }

  @Test
  void idiomsReplaceTheWordsValence() {
    assertThat(compound("yeah right, that was a good idea"))
        .isLessThan(compound("that was a good idea"));
    assertThat(compound("the party was the bomb")).isPositive();
  }

  @Test
  void labelsUseThePublishedThresholds() {
    assertThat(new SentimentScores(0, 1, 0, 0.05).label()).isEqualTo("positive");
    assertThat(new SentimentScores(0, 1, 0, 0.0499).label()).isEqualTo("neutral");
    assertThat(new SentimentScores(0, 1, 0, -0.05).label()).isEqualTo("negative");
    assertThat(VADER.score("I love it").label()).isEqualTo("positive");
    assertThat(VADER.score("I hate it").label()).isEqualTo("negative");
    assertThat(VADER.score("The meeting is on Tuesday").label()).isEqualTo("neutral");
    assertThat(VADER.score("I love it").toMap())
        .containsOnlyKeys("neg", "neu", "pos", "compound", "label");
  }

  @Test
  void emptyAndNullTextScoreZero() {
    assertThat(VADER.score(null)).isEqualTo(SentimentScores.EMPTY);
    assertThat(VADER.score("   ")).isEqualTo(SentimentScores.EMPTY);
    assertThat(VADER.score("! ? .")).isEqualTo(SentimentScores.EMPTY);
  }

  @Test
  void normalisationStaysInsideTheUnitInterval() {
    assertThat(VaderSentiment.normalise(0)).isZero();
    assertThat(VaderSentiment.normalise(1e9)).isLessThanOrEqualTo(1.0).isGreaterThan(0.999);
    assertThat(VaderSentiment.normalise(-1e9)).isGreaterThanOrEqualTo(-1.0).isLessThan(-0.999);
    String veryPositive = "great ".repeat(200) + "!!!!";
    assertThat(compound(veryPositive)).isLessThanOrEqualTo(1.0).isGreaterThan(0.99);
    assertThat(compound("horrible ".repeat(200))).isGreaterThanOrEqualTo(-1.0).isLessThan(-0.99);
  }

  /** Property: any text, however odd, scores within bounds, with shares summing to 1 or all 0. */
  @Test
  void randomTextAlwaysScoresWithinBounds() {
    List<String> parts =
        List.of(
            "good", "BAD", "not", "never", "so", "this", "very", "kind", "of", "but", "no", "least",
            "at", "without", "doubt", "!", "?", "!!!", "??", ":)", ":(", "<3", ":D", "😂", "😢",
            "👍🏿", "❤️", "🔥", "LOL", "sux", "the", "bomb", "yeah", "right", "I", "a", "'", "\"",
            "n't", "\u00a0", "\t", "\n", "ünïcödé", "日本語", "$DOGE", "#win", "@you", "-", "...");
    Random random = new Random(20140601L);
    for (int trial = 0; trial < 5_000; trial++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(40);
      for (int k = 0; k < len; k++) {
        if (random.nextInt(10) == 0) {
          sb.appendCodePoint(random.nextInt(0x1FAFF) + 1);
        } else {
          sb.append(parts.get(random.nextInt(parts.size())));
        }
        if (random.nextInt(4) != 0) {
          sb.append(' ');
        }
      }
      String text = sb.toString();
      SentimentScores s = VADER.score(text);
      assertThat(s.compound()).as("compound of %s", text).isBetween(-1.0, 1.0);
      assertThat(s.neg()).isBetween(0.0, 1.0);
      assertThat(s.neu()).isBetween(0.0, 1.0);
      assertThat(s.pos()).isBetween(0.0, 1.0);
      double total = s.neg() + s.neu() + s.pos();
      if (total != 0) {
        assertThat(total).as("shares of %s", text).isCloseTo(1.0, within(0.0021));
      }
      assertThat(s.label()).isIn("positive", "negative", "neutral");
    }
  }

  @Test
  void tokenizerKeepsEmoticonsAndStripsPunctuationFromWords() {
    assertThat(VaderSentiment.tokenize("Wow!!! :) it's \"great\", (really) a :-( <3"))
        .containsExactly("Wow", ":)", "it's", "great", "really", ":-(", "<3");
  }
}
