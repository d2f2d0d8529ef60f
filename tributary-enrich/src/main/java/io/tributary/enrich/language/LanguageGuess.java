package io.tributary.enrich.language;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The detected language of a text.
 *
 * @param code the ISO 639-1 code ({@code en}, {@code de}, …), or {@link #UNDETERMINED} when the
 *     text has no letters to judge by
 * @param confidence in [0, 1]: the model's probability for {@code code} among the configured
 *     languages; 0 when undetermined
 */
public record LanguageGuess(String code, double confidence) {

  /** The code for "no language could be determined" (as in BCP 47). */
  public static final String UNDETERMINED = "und";

  static final LanguageGuess NONE = new LanguageGuess(UNDETERMINED, 0.0);

  /** The record field shape: {@code {code, confidence}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    m.put("confidence", confidence);
    return m;
  }
}
