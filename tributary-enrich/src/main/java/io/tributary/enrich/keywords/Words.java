package io.tributary.enrich.keywords;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Splits text into lower-case words and phrase boundaries for the keyword extractors. */
final class Words {
  private Words() {}

  /** A word, or {@code null} standing for a phrase boundary (punctuation, line break, link). */
  private static final Pattern NOISE =
      Pattern.compile(
          "(?i)\\b(?:https?://|www\\.)\\S+|(?<![\\w@])@\\w+|&(?:amp|lt|gt|quot|#\\d+);");

  /**
   * The words of {@code text} in order, lower-cased, with {@code null} entries where a phrase
   * boundary falls. Words are runs of letters, digits, inner apostrophes and inner hyphens.
   */
  static List<String> withBoundaries(String text) {
    String s = NOISE.matcher(text).replaceAll(" . ");
    List<String> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) {
        int start = i;
        i += Character.charCount(cp);
        while (i < n) {
          int c = s.codePointAt(i);
          if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
            i += Character.charCount(c);
          } else if ((c == '\'' || c == '’' || c == '-')
              && i + 1 < n
              && Character.isLetterOrDigit(s.codePointAt(i + 1))) {
            i++;
          } else {
            break;
          }
        }
        out.add(s.substring(start, i).replace('’', '\'').toLowerCase(Locale.ROOT));
      } else {
        if (!Character.isWhitespace(cp) && cp != '#' && cp != '$' && cp != '\'' && cp != '’') {
          out.add(null); // punctuation, symbols, emoji end a phrase
        } else if (cp == '\n' || cp == '\r') {
          out.add(null);
        }
        i += Character.charCount(cp);
      }
    }
    return out;
  }

  /** True for tokens that cannot be keywords on their own: numbers and single characters. */
  static boolean isTrivial(String word) {
    if (word.codePointCount(0, word.length()) < 2) {
      return true;
    }
    for (int i = 0; i < word.length(); i++) {
      if (Character.isLetter(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
