package io.tributary.enrich.sentiment;

import java.util.Map;

/**
 * Unicode short names of common emoji, so that VADER can score an emoji through the words of its
 * name ("😢" reads as "crying face", and "crying" is in the lexicon). The names are the Unicode
 * CLDR short names; the selection is Tributary's (faces, hands, hearts and the symbols common in
 * finance and crypto chatter). Emoji not listed here are left in the text and count as neutral.
 */
final class EmojiNames {
  private EmojiNames() {}

  static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0x1F600, "grinning face"),
          Map.entry(0x1F603, "grinning face with big eyes"),
          Map.entry(0x1F604, "grinning face with smiling eyes"),
          Map.entry(0x1F601, "beaming face with smiling eyes"),
          Map.entry(0x1F606, "grinning squinting face"),
          Map.entry(0x1F605, "grinning face with sweat"),
          Map.entry(0x1F923, "rolling on the floor laughing"),
          Map.entry(0x1F602, "face with tears of joy"),
          Map.entry(0x1F642, "slightly smiling face"),
          Map.entry(0x1F643, "upside-down face"),
          Map.entry(0x1F609, "winking face"),
          Map.entry(0x1F60A, "smiling face with smiling eyes"),
          Map.entry(0x1F607, "smiling face with halo"),
          Map.entry(0x1F970, "smiling face with hearts"),
          Map.entry(0x1F60D, "smiling face with heart-eyes"),
          Map.entry(0x1F929, "star-struck"),
          Map.entry(0x1F618, "face blowing a kiss"),
          Map.entry(0x1F617, "kissing face"),
          Map.entry(0x1F60B, "face savoring food"),
          Map.entry(0x1F61B, "face with tongue"),
          Map.entry(0x1F61C, "winking face with tongue"),
          Map.entry(0x1F92A, "zany face"),
          Map.entry(0x1F917, "hugging face"),
          Map.entry(0x1F914, "thinking face"),
          Map.entry(0x1F610, "neutral face"),
          Map.entry(0x1F611, "expressionless face"),
          Map.entry(0x1F60F, "smirking face"),
          Map.entry(0x1F612, "unamused face"),
          Map.entry(0x1F644, "face with rolling eyes"),
          Map.entry(0x1F62C, "grimacing face"),
          Map.entry(0x1F60C, "relieved face"),
          Map.entry(0x1F614, "pensive face"),
          Map.entry(0x1F634, "sleeping face"),
          Map.entry(0x1F922, "nauseated face"),
          Map.entry(0x1F92E, "face vomiting"),
          Map.entry(0x1F92F, "exploding head"),
          Map.entry(0x1F60E, "smiling face with sunglasses"),
          Map.entry(0x1F615, "confused face"),
          Map.entry(0x1F61F, "worried face"),
          Map.entry(0x1F641, "slightly frowning face"),
          Map.entry(0x2639, "frowning face"),
          Map.entry(0x1F62E, "face with open mouth"),
          Map.entry(0x1F632, "astonished face"),
          Map.entry(0x1F633, "flushed face"),
          Map.entry(0x1F97A, "pleading face"),
          Map.entry(0x1F627, "anguished face"),
          Map.entry(0x1F628, "fearful face"),
          Map.entry(0x1F630, "anxious face with sweat"),
          Map.entry(0x1F625, "sad but relieved face"),
          Map.entry(0x1F622, "crying face"),
          Map.entry(0x1F62D, "loudly crying face"),
          Map.entry(0x1F631, "face screaming in fear"),
          Map.entry(0x1F616, "confounded face"),
          Map.entry(0x1F61E, "disappointed face"),
          Map.entry(0x1F613, "downcast face with sweat"),
          Map.entry(0x1F629, "weary face"),
          Map.entry(0x1F62B, "tired face"),
          Map.entry(0x1F624, "face with steam from nose"),
          Map.entry(0x1F621, "enraged face"),
          Map.entry(0x1F620, "angry face"),
          Map.entry(0x1F92C, "face with symbols on mouth"),
          Map.entry(0x1F608, "smiling face with horns"),
          Map.entry(0x1F480, "skull"),
          Map.entry(0x1F4A9, "pile of poo"),
          Map.entry(0x1F921, "clown face"),
          Map.entry(0x1F911, "money-mouth face"),
          Map.entry(0x1F973, "partying face"),
          Map.entry(0x263A, "smiling face"),
          Map.entry(0x1F44D, "thumbs up"),
          Map.entry(0x1F44E, "thumbs down"),
          Map.entry(0x1F44F, "clapping hands"),
          Map.entry(0x1F64C, "raising hands"),
          Map.entry(0x1F64F, "folded hands"),
          Map.entry(0x1F4AA, "flexed biceps"),
          Map.entry(0x1F91D, "handshake"),
          Map.entry(0x1F91E, "crossed fingers"),
          Map.entry(0x2764, "red heart"),
          Map.entry(0x1F494, "broken heart"),
          Map.entry(0x1F495, "two hearts"),
          Map.entry(0x1F496, "sparkling heart"),
          Map.entry(0x1F498, "heart with arrow"),
          Map.entry(0x1F48B, "kiss mark"),
          Map.entry(0x1F4AF, "hundred points"),
          Map.entry(0x1F525, "fire"),
          Map.entry(0x1F389, "party popper"),
          Map.entry(0x2728, "sparkles"),
          Map.entry(0x2B50, "star"),
          Map.entry(0x1F680, "rocket"),
          Map.entry(0x1F4C8, "chart increasing"),
          Map.entry(0x1F4C9, "chart decreasing"),
          Map.entry(0x1F4B0, "money bag"),
          Map.entry(0x1F4B8, "money with wings"),
          Map.entry(0x1F48E, "gem stone"),
          Map.entry(0x26A0, "warning"),
          Map.entry(0x274C, "cross mark"),
          Map.entry(0x2705, "check mark button"),
          Map.entry(0x1F6A8, "police car light"),
          Map.entry(0x1F198, "sos button"));

  /**
   * Variation selectors and skin-tone modifiers that may follow an emoji; they carry no meaning.
   */
  static boolean isModifier(int cp) {
    return cp == 0xFE0F || cp == 0xFE0E || (cp >= 0x1F3FB && cp <= 0x1F3FF);
  }
}
