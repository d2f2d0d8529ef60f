package io.tributary.enrich.keywords;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Stop-word lists shipped with Tributary (English and German). */
public final class Stopwords {
  private Stopwords() {}

  /** The list names {@link #load} accepts. */
  public static final List<String> LANGUAGES = List.of("en", "de");

  /**
   * The stop words of {@code language}.
   *
   * @throws IllegalArgumentException for a language without a list
   */
  public static Set<String> load(String language) {
    String lang = language.toLowerCase(Locale.ROOT);
    if (!LANGUAGES.contains(lang)) {
      throw new IllegalArgumentException(
          "'stopwords' must be one of "
              + String.join(", ", LANGUAGES)
              + " (was: "
              + language
              + ")");
    }
    String resource = "/io/tributary/enrich/keywords/stopwords-" + lang + ".txt";
    try (InputStream in = Stopwords.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is missing from the classpath; rebuild the jar");
      }
      Set<String> words = new HashSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String w = line.strip();
        if (!w.isEmpty() && !w.startsWith("#")) {
          words.add(w);
        }
      }
      return Set.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
