package io.tributary.enrich.language;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Maps ISO 639-3 (and 639-2/T) language codes to ISO 639-1. */
final class LanguageCodes {
  private LanguageCodes() {}

  private static final Map<String, String> TO_ISO1 = build();

  /** The two-letter code for {@code code}, {@code code} itself if already two letters, or null. */
  static String toIso639_1(String code) {
    if (code == null) {
      return null;
    }
    String c = code.toLowerCase(Locale.ROOT);
    return c.length() == 2 ? c : TO_ISO1.get(c);
  }

  private static Map<String, String> build() {
    Map<String, String> m = new HashMap<>();
    for (String iso1 : Locale.getISOLanguages()) {
      try {
        String iso3 = Locale.of(iso1).getISO3Language();
        if (!iso3.isEmpty()) {
          m.put(iso3, iso1);
        }
      } catch (java.util.MissingResourceException e) {
        // no three-letter code for this language; nothing to map
      }
    }
    // individual languages that language identifiers report for a macrolanguage
    m.put("cmn", "zh");
    m.put("pes", "fa");
    m.put("prs", "fa");
    m.put("zsm", "ms");
    m.put("lvs", "lv");
    m.put("ekk", "et");
    m.put("nob", "nb");
    m.put("nno", "nn");
    m.put("swh", "sw");
    m.put("arb", "ar");
    m.put("khk", "mn");
    m.put("azj", "az");
    m.put("uzn", "uz");
    m.put("als", "sq");
    m.put("ydd", "yi");
    m.put("plt", "mg");
    // ISO 639-2/B codes still seen in the wild
    m.put("ger", "de");
    m.put("fre", "fr");
    m.put("dut", "nl");
    m.put("chi", "zh");
    m.put("cze", "cs");
    m.put("gre", "el");
    m.put("per", "fa");
    m.put("rum", "ro");
    m.put("slo", "sk");
    m.put("wel", "cy");
    m.put("ice", "is");
    m.put("arm", "hy");
    m.put("baq", "eu");
    m.put("geo", "ka");
    m.put("mac", "mk");
    m.put("alb", "sq");
    m.put("bur", "my");
    m.put("may", "ms");
    m.put("mao", "mi");
    m.put("tib", "bo");
    return Map.copyOf(m);
  }
}
