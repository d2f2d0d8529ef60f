package io.tributary.enrich.internal;

import io.tributary.enrich.language.LanguageIdentifier;
import io.tributary.enrich.sentiment.VaderSentiment;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The models and word lists enrichers share, each loaded once on first request and then reused by
 * every enricher built from this instance. Thread-safe. Close it to release the language model's
 * per-thread decoders.
 */
public final class Models implements AutoCloseable {
  private final Memo<VaderSentiment> vader = new Memo<>(VaderSentiment::load);
  private final Memo<LanguageIdentifier> languages =
      new Memo<>(() -> LanguageIdentifier.load(List.of("all")));
  private final ConcurrentHashMap<String, Set<String>> stopwords = new ConcurrentHashMap<>();

  public VaderSentiment vader() {
    return vader.get();
  }

  /** The language identifier for every model language; restrict it per use. */
  public LanguageIdentifier languageIdentifier() {
    return languages.get();
  }

  public Set<String> stopwords(String language) {
    return stopwords.computeIfAbsent(language, io.tributary.enrich.keywords.Stopwords::load);
  }

  @Override
  public void close() {
    if (languages.isLoaded()) {
      languages.get().close();
    }
  }

  /** A value computed once, on first use, by whichever thread asks first. */
  static final class Memo<T> {
    private final Supplier<T> supplier;
    private volatile T value;

    Memo(Supplier<T> supplier) {
      this.supplier = supplier;
    }

    T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = supplier.get();
            value = v;
          }
        }
      }
      return v;
    }

    boolean isLoaded() {
      return value != null;
    }
  }
}
