package io.tributary.enrich.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rule-based sentiment after VADER (Hutto &amp; Gilbert, ICWSM 2014), written for Tributary from
 * the paper's description over VADER's human-rated lexicon.
 *
 * <p>Each token found in the lexicon contributes its mean human valence (-4..+4), adjusted by the
 * paper's rules:
 *
 * <ul>
 *   <li><b>degree modifiers</b>: a booster ("very", "extremely") or dampener ("kind of",
 *       "slightly") up to three tokens before the word adds or removes 0.293, less with distance
 *       (×0.95 at two tokens, ×0.9 at three);
 *   <li><b>negation</b>: a negator ("not", "isn't", "never", "without", …) up to three tokens
 *       before flips and dampens the valence (×-0.74); "no" before a word negates it; "least"
 *       negates unless in "at least" / "very least"; the idioms "never so/this X" intensify (×1.25)
 *       and "without doubt X" is left positive;
 *   <li><b>"but"</b>: words before the first "but" count half, words after it one and a half times;
 *   <li><b>capitals</b>: a sentiment word (or booster) in ALL CAPS adds 0.733 of emphasis, only
 *       when the text mixes capitalised and non-capitalised tokens;
 *   <li><b>punctuation</b>: each "!" (up to 4) adds 0.292; two or three "?" add 0.18 each, more add
 *       0.96; added in the direction of the overall sentiment;
 *   <li><b>idioms</b>: a few fixed phrases ("the bomb", "yeah right", "kiss of death") replace the
 *       word's valence;
 *   <li><b>emoticons and emoji</b>: emoticons (":)", ":-(", "&lt;3") are lexicon entries; common
 *       emoji are replaced by their Unicode names, whose words are then scored.
 * </ul>
 *
 * <p>The sum of valences {@code x} is normalised to {@code x / sqrt(x² + 15)} (alpha = 15), giving
 * the compound score in [-1, 1]; {@code neg}, {@code neu} and {@code pos} are the shares of
 * negative, neutral and positive weight among the tokens.
 *
 * <p>Lifecycle and threading: build once ({@link #load()} reads the lexicon, about 7,500 entries);
 * the instance is immutable and {@link #score} may be called from any number of threads.
 */
public final class VaderSentiment {

  static final double BOOST_INCREMENT = 0.293;
  static final double BOOST_DECREMENT = -0.293;
  static final double CAPS_INCREMENT = 0.733;
  static final double NEGATION_SCALAR = -0.74;
  static final double NEVER_SO_SCALAR = 1.25;
  static final double ALPHA = 15.0;

  private static final String LEXICON_RESOURCE = "/io/tributary/enrich/vader/vader_lexicon.txt";

  private static final Set<String> NEGATORS =
      Set.of(
          "aint",
          "arent",
          "cannot",
          "cant",
          "couldnt",
          "darent",
          "didnt",
          "doesnt",
          "ain't",
          "aren't",
          "can't",
          "couldn't",
          "daren't",
          "didn't",
          "doesn't",
          "dont",
          "hadnt",
          "hasnt",
          "havent",
          "isnt",
          "mightnt",
          "mustnt",
          "neither",
          "don't",
          "hadn't",
          "hasn't",
          "haven't",
          "isn't",
          "mightn't",
          "mustn't",
          "neednt",
          "needn't",
          "never",
          "none",
          "nope",
          "nor",
          "not",
          "nothing",
          "nowhere",
          "oughtnt",
          "shant",
          "shouldnt",
          "uhuh",
          "wasnt",
          "werent",
          "oughtn't",
          "shan't",
          "shouldn't",
          "uh-uh",
          "wasn't",
          "weren't",
          "without",
          "wont",
          "wouldnt",
          "won't",
          "wouldn't",
          "rarely",
          "seldom",
          "despite");

  private static final Map<String, Double> BOOSTERS = boosters();

  /** Fixed phrases whose valence replaces that of the lexicon word they contain. */
  private static final Map<String, Double> IDIOMS =
      Map.ofEntries(
          Map.entry("the shit", 3.0),
          Map.entry("the bomb", 3.0),
          Map.entry("bad ass", 1.5),
          Map.entry("badass", 1.5),
          Map.entry("bus stop", 0.0),
          Map.entry("yeah right", -2.0),
          Map.entry("kiss of death", -1.5),
          Map.entry("to die for", 3.0),
          Map.entry("beating heart", 3.1),
          Map.entry("broken heart", -2.9));

  private final Map<String, Double> lexicon;

  private VaderSentiment(Map<String, Double> lexicon) {
    this.lexicon = Map.copyOf(lexicon);
  }

  /** Loads VADER's lexicon shipped in this jar. */
  public static VaderSentiment load() {
    try (InputStream in = VaderSentiment.class.getResourceAsStream(LEXICON_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "VADER lexicon "
                + LEXICON_RESOURCE
                + " is missing from the classpath; rebuild the jar");
      }
      return fromLexicon(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the VADER lexicon " + LEXICON_RESOURCE, e);
    }
  }

  /**
   * Reads a lexicon in VADER's format: one entry a line, {@code token TAB mean-valence [TAB ...]};
   * a later line for the same token wins.
   */
  public static VaderSentiment fromLexicon(Reader reader) throws IOException {
    Map<String, Double> lexicon = new HashMap<>(16_384);
    BufferedReader in = new BufferedReader(reader);
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      int tab1 = line.indexOf('\t');
      int tab2 = tab1 < 0 ? -1 : line.indexOf('\t', tab1 + 1);
      if (tab1 <= 0) {
        throw new IOException("lexicon line " + lineNo + " has no tab after the token");
      }
      String valence = tab2 < 0 ? line.substring(tab1 + 1) : line.substring(tab1 + 1, tab2);
      try {
        lexicon.put(line.substring(0, tab1), Double.parseDouble(valence.trim()));
      } catch (NumberFormatException e) {
        throw new IOException(
            "lexicon line " + lineNo + ": valence must be a number (was: " + valence + ")");
      }
    }
    return new VaderSentiment(lexicon);
  }

  /** Number of lexicon entries. */
  public int lexiconSize() {
    return lexicon.size();
  }

  /** Scores {@code text}; {@code null} or blank text scores as {@link SentimentScores#EMPTY}. */
  public SentimentScores score(String text) {
    if (text == null || text.isBlank()) {
      return SentimentScores.EMPTY;
    }
    String prepared = replaceEmoji(text);
    List<String> tokens = tokenize(prepared);
    int n = tokens.size();
    if (n == 0) {
      return SentimentScores.EMPTY;
    }
    String[] words = tokens.toArray(new String[0]);
    String[] lower = new String[n];
    int upperCount = 0;
    for (int i = 0; i < n; i++) {
      lower[i] = words[i].toLowerCase(Locale.ROOT);
      if (isAllCaps(words[i])) {
        upperCount++;
      }
    }
    boolean capsDiffer = upperCount > 0 && upperCount < n;

    double[] valences = new double[n];
    for (int i = 0; i < n; i++) {
      if (BOOSTERS.containsKey(lower[i])
          || (lower[i].equals("kind") && i + 1 < n && lower[i + 1].equals("of"))) {
        continue; // modifiers carry no valence of their own
      }
      valences[i] = valence(words, lower, i, capsDiffer);
    }
    weighButClause(lower, valences);
    return summarise(valences, prepared);
  }

  private double valence(String[] words, String[] lower, int i, boolean capsDiffer) {
    Double base = lexicon.get(lower[i]);
    if (base == null) {
      return 0.0;
    }
    int n = lower.length;
    double v = base;
    if (lower[i].equals("no") && i + 1 < n && lexicon.containsKey(lower[i + 1])) {
      v = 0.0; // "no" negating the next word, not a sentiment of its own
    }
    if ((i > 0 && lower[i - 1].equals("no"))
        || (i > 1 && lower[i - 2].equals("no"))
        || (i > 2 && lower[i - 3].equals("no") && isOneOf(lower[i - 1], "or", "nor"))) {
      v = base * NEGATION_SCALAR;
    }
    if (capsDiffer && isAllCaps(words[i])) {
      v += v > 0 ? CAPS_INCREMENT : -CAPS_INCREMENT;
    }
    for (int distance = 1; distance <= 3; distance++) {
      if (i < distance || lexicon.containsKey(lower[i - distance])) {
        continue;
      }
      double s = boosterScalar(words[i - distance], lower[i - distance], v, capsDiffer);
      if (distance == 2) {
        s *= 0.95;
      } else if (distance == 3) {
        s *= 0.9;
      }
      v += s;
      v = negate(v, lower, i, distance);
      if (distance == 3) {
        v = phraseModifiers(v, lower, i);
      }
    }
    v = idioms(v, lower, i);
    return leastCheck(v, lower, i);
  }

  private static double boosterScalar(String word, String lower, double v, boolean capsDiffer) {
    Double b = BOOSTERS.get(lower);
    if (b == null) {
      return 0.0;
    }
    double s = v < 0 ? -b : b;
    if (capsDiffer && isAllCaps(word)) {
      s += v > 0 ? CAPS_INCREMENT : -CAPS_INCREMENT;
    }
    return s;
  }

  private static double negate(double v, String[] lower, int i, int distance) {
    switch (distance) {
      case 1 -> {
        return isNegator(lower[i - 1]) ? v * NEGATION_SCALAR : v;
      }
      case 2 -> {
        if (lower[i - 2].equals("never") && isOneOf(lower[i - 1], "so", "this")) {
          return v * NEVER_SO_SCALAR;
        }
        if (lower[i - 2].equals("without") && lower[i - 1].equals("doubt")) {
          return v;
        }
        return isNegator(lower[i - 2]) ? v * NEGATION_SCALAR : v;
      }
      default -> {
        if (lower[i - 3].equals("never")
            && (isOneOf(lower[i - 2], "so", "this") || isOneOf(lower[i - 1], "so", "this"))) {
          return v * NEVER_SO_SCALAR;
        }
        if (lower[i - 3].equals("without")
            && (lower[i - 2].equals("doubt") || lower[i - 1].equals("doubt"))) {
          return v;
        }
        return isNegator(lower[i - 3]) ? v * NEGATION_SCALAR : v;
      }
    }
  }

  /**
   * Fixed phrases around the word replace its valence. Unlike the reference implementation, which
   * only looks for them when the word three tokens back is not itself a lexicon word, the phrases
   * are looked for at every lexicon word (so "the party was the bomb" finds "the bomb").
   */
  private static double idioms(double v, String[] lower, int i) {
    int n = lower.length;
    String[] before = new String[5];
    int k = 0;
    if (i >= 1) {
      before[k++] = lower[i - 1] + " " + lower[i];
    }
    if (i >= 2) {
      before[k++] = lower[i - 2] + " " + lower[i - 1] + " " + lower[i];
      before[k++] = lower[i - 2] + " " + lower[i - 1];
    }
    if (i >= 3) {
      before[k++] = lower[i - 3] + " " + lower[i - 2] + " " + lower[i - 1];
      before[k++] = lower[i - 3] + " " + lower[i - 2];
    }
    for (int j = 0; j < k; j++) {
      Double idiom = IDIOMS.get(before[j]);
      if (idiom != null) {
        v = idiom;
        break;
      }
    }
    if (i + 1 < n) {
      Double idiom = IDIOMS.get(lower[i] + " " + lower[i + 1]);
      if (idiom != null) {
        v = idiom;
      }
    }
    if (i + 2 < n) {
      Double idiom = IDIOMS.get(lower[i] + " " + lower[i + 1] + " " + lower[i + 2]);
      if (idiom != null) {
        v = idiom;
      }
    }
    return v;
  }

  /** Multi-word modifiers such as "kind of" and "sort of" in the three tokens before the word. */
  private static double phraseModifiers(double v, String[] lower, int i) {
    String twoOne = lower[i - 2] + " " + lower[i - 1];
    String threeTwo = lower[i - 3] + " " + lower[i - 2];
    String threeTwoOne = lower[i - 3] + " " + twoOne;
    for (String phrase : new String[] {threeTwoOne, threeTwo, twoOne}) {
      Double b = BOOSTERS.get(phrase);
      if (b != null) {
        v += b;
      }
    }
    return v;
  }

  private double leastCheck(double v, String[] lower, int i) {
    if (i > 0 && lower[i - 1].equals("least") && !lexicon.containsKey("least")) {
      if (i == 1 || !isOneOf(lower[i - 2], "at", "very")) {
        return v * NEGATION_SCALAR;
      }
    }
    return v;
  }

  private static void weighButClause(String[] lower, double[] valences) {
    int but = -1;
    for (int i = 0; i < lower.length; i++) {
      if (lower[i].equals("but")) {
        but = i;
        break;
      }
    }
    if (but < 0) {
      return;
    }
    for (int i = 0; i < valences.length; i++) {
      if (i < but) {
        valences[i] *= 0.5;
      } else if (i > but) {
        valences[i] *= 1.5;
      }
    }
  }

  private static SentimentScores summarise(double[] valences, String text) {
    double sum = 0;
    for (double v : valences) {
      sum += v;
    }
    double emphasis = punctuationEmphasis(text);
    if (sum > 0) {
      sum += emphasis;
    } else if (sum < 0) {
      sum -= emphasis;
    }
    double compound = normalise(sum);

    double posSum = 0;
    double negSum = 0;
    int neutral = 0;
    for (double v : valences) {
      if (v > 0) {
        posSum += v + 1; // +1 compensates for neutral tokens counting 1 each
      } else if (v < 0) {
        negSum += v - 1;
      } else {
        neutral++;
      }
    }
    if (posSum > Math.abs(negSum)) {
      posSum += emphasis;
    } else if (posSum < Math.abs(negSum)) {
      negSum -= emphasis;
    }
    double total = posSum + Math.abs(negSum) + neutral;
    return new SentimentScores(
        round(Math.abs(negSum / total), 1000),
        round(neutral / total, 1000),
        round(Math.abs(posSum / total), 1000),
        round(compound, 10_000));
  }

  static double punctuationEmphasis(String text) {
    int exclamations = 0;
    int questions = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '!') {
        exclamations++;
      } else if (c == '?') {
        questions++;
      }
    }
    double emphasis = Math.min(exclamations, 4) * 0.292;
    if (questions > 3) {
      emphasis += 0.96;
    } else if (questions > 1) {
      emphasis += questions * 0.18;
    }
    return emphasis;
  }

  /** VADER's normalisation: {@code x / sqrt(x² + alpha)}, clamped to [-1, 1]. */
  static double normalise(double sum) {
    double score = sum / Math.sqrt(sum * sum + ALPHA);
    return Math.max(-1.0, Math.min(1.0, score));
  }

  private static double round(double value, int scale) {
    return Math.round(value * scale) / (double) scale;
  }

  /** Replaces known emoji with their names, padded with spaces; drops their modifiers. */
  static String replaceEmoji(String text) {
    StringBuilder out = null;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      String name = cp >= 0x2600 ? EmojiNames.NAMES.get(cp) : null;
      if (name != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 32).append(text, 0, i);
        }
        out.append(' ').append(name).append(' ');
        i += width;
        while (i < text.length() && EmojiNames.isModifier(text.codePointAt(i))) {
          i += Character.charCount(text.codePointAt(i));
        }
        continue;
      }
      if (out != null) {
        out.appendCodePoint(cp);
      }
      i += width;
    }
    return out == null ? text : out.toString();
  }

  /**
   * Splits on white space; strips leading and trailing punctuation from a token unless fewer than
   * two characters would remain (which keeps emoticons such as ":)" and ":D" whole); drops tokens
   * of a single character.
   */
  static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        String token = stripPunctuation(text, start, i);
        if (token.codePointCount(0, token.length()) > 1) {
          tokens.add(token);
        }
      }
    }
    return tokens;
  }

  private static String stripPunctuation(String text, int start, int end) {
    int s = start;
    int e = end;
    while (s < e && isPunctuation(text.charAt(s))) {
      s++;
    }
    while (e > s && isPunctuation(text.charAt(e - 1))) {
      e--;
    }
    if (text.codePointCount(s, e) >= 2) {
      return text.substring(s, e);
    }
    return text.substring(start, end);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  static boolean isPunctuation(char c) {
    if (c < 128) {
      return "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
    }
    return switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION ->
          true;
      default -> false;
    };
  }

  /** True when the token has a cased letter and none in lower case (":D" and "SUX" count). */
  static boolean isAllCaps(String word) {
    boolean cased = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (Character.isLowerCase(c) || Character.isTitleCase(c)) {
        return false;
      }
      if (Character.isUpperCase(c)) {
        cased = true;
      }
    }
    return cased;
  }

  private static boolean isNegator(String lower) {
    return NEGATORS.contains(lower) || lower.contains("n't");
  }

  private static boolean isOneOf(String word, String a, String b) {
    return word.equals(a) || word.equals(b);
  }

  private static Map<String, Double> boosters() {
    Map<String, Double> m = new HashMap<>();
    for (String w :
        new String[] {
          "absolutely",
          "amazingly",
          "awfully",
          "completely",
          "considerable",
          "considerably",
          "decidedly",
          "deeply",
          "effing",
          "enormous",
          "enormously",
          "entirely",
          "especially",
          "exceptional",
          "exceptionally",
          "extreme",
          "extremely",
          "fabulously",
          "flipping",
          "flippin",
          "frackin",
          "fracking",
          "fricking",
          "frickin",
          "frigging",
          "friggin",
          "fully",
          "fuckin",
          "fucking",
          "fuggin",
          "fugging",
          "greatly",
          "hella",
          "highly",
          "hugely",
          "incredible",
          "incredibly",
          "intensely",
          "major",
          "majorly",
          "more",
          "most",
          "particularly",
          "purely",
          "quite",
          "really",
          "remarkably",
          "so",
          "substantially",
          "thoroughly",
          "total",
          "totally",
          "tremendous",
          "tremendously",
          "uber",
          "unbelievably",
          "unusually",
          "utter",
          "utterly",
          "very"
        }) {
      m.put(w, BOOST_INCREMENT);
    }
    for (String w :
        new String[] {
          "almost",
          "barely",
          "hardly",
          "just enough",
          "kind of",
          "kinda",
          "kindof",
          "kind-of",
          "less",
          "little",
          "marginal",
          "marginally",
          "occasional",
          "occasionally",
          "partly",
          "scarce",
          "scarcely",
          "slight",
          "slightly",
          "somewhat",
          "sort of",
          "sorta",
          "sortof",
          "sort-of"
        }) {
      m.put(w, BOOST_DECREMENT);
    }
    return Map.copyOf(m);
  }
}
