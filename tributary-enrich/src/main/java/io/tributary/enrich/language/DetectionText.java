package io.tributary.enrich.language;

import java.util.regex.Pattern;

/**
 * Removes what says nothing about a text's language before detection: links, @mentions, the retweet
 * marker, the '#' of hashtags, HTML entities, emoji and other symbols, digits.
 */
final class DetectionText {
  private DetectionText() {}

  private static final Pattern URL =
      Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+|\\b\\S+@\\S+\\.[a-z]{2,}\\b");
  private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@\\w+:?");
  private static final Pattern RETWEET = Pattern.compile("^RT\\b:?");
  private static final Pattern ENTITY = Pattern.compile("&(?:amp|lt|gt|quot|apos|nbsp|#\\d+);");

  /** The text reduced to words and punctuation; may be empty. */
  static String clean(String text) {
    String s = URL.matcher(text).replaceAll(" ");
    s = MENTION.matcher(s).replaceAll(" ");
    s = RETWEET.matcher(s.strip()).replaceAll(" ");
    s = ENTITY.matcher(s).replaceAll(" ");
    StringBuilder out = new StringBuilder(s.length());
    boolean space = true;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      boolean keep = Character.isLetter(cp) || isWordPunctuation(cp);
      if (keep) {
        out.appendCodePoint(cp);
        space = false;
      } else if (!space) {
        out.append(' ');
        space = true;
      }
    }
    return out.toString().strip();
  }

  /** Number of letters in {@code text}. */
  static int letters(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp)) {
        n++;
      }
    }
    return n;
  }

  private static boolean isWordPunctuation(int cp) {
    return cp == '\''
        || cp == '’'
        || cp == '-'
        || cp == '.'
        || cp == ','
        || cp == '?'
        || cp == '!'
        || cp == ':'
        || cp == ';';
  }
}
