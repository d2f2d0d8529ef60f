package io.tributary.enrich;

import io.tributary.enrich.internal.CachedEnricher;
import io.tributary.enrich.internal.EnricherKind;
import io.tributary.enrich.internal.Models;
import io.tributary.spi.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The enrichers as one call, for ad-hoc use ({@code tributary enrich}) and for code outside a
 * pipeline.
 *
 * <pre>{@code
 * try (Enrichers enrichers = Enrichers.create(List.of("sentiment", "language"))) {
 *   Map<String, Object> added = enrichers.enrich("Bitcoin is pumping!!! 🚀");
 *   // {sentiment={neg=0.0, neu=..., pos=..., compound=..., label=positive},
 *   //  language={code=en, confidence=...}}
 * }
 * }</pre>
 *
 * <p>Names: {@code sentiment}, {@code language}, {@code entities}, {@code keywords}; the results
 * use the same field names and shapes as the pipeline processors. Each enricher keeps a result
 * cache keyed by the text's content hash; {@code keywords} uses RAKE here.
 *
 * <p>Lifecycle: {@link #create} loads every model needed (about a second for {@code language}), so
 * the first {@link #enrich} is as fast as the rest; {@link #close()} releases them. Threading:
 * {@link #enrich} is safe to call concurrently.
 */
public final class Enrichers implements AutoCloseable {
  private final Models models;
  private final List<CachedEnricher> enrichers;

  private Enrichers(Models models, List<CachedEnricher> enrichers) {
    this.models = models;
    this.enrichers = enrichers;
  }

  /**
   * Enrichers with their default settings, in the given order.
   *
   * @throws IllegalArgumentException naming every unknown enricher
   */
  public static Enrichers create(List<String> names) {
    return create(names, Map.of());
  }

  /**
   * Enrichers with settings per enricher name, as a pipeline step would give them (for example
   * {@code {"language": {"languages": ["en", "de"]}, "keywords": {"max": 5}}}).
   *
   * @throws IllegalArgumentException naming every unknown enricher
   * @throws io.tributary.spi.ConfigException listing every invalid setting
   */
  public static Enrichers create(List<String> names, Map<String, Map<String, Object>> settings) {
    List<EnricherKind> kinds = EnricherKind.parse(names);
    for (String key : settings.keySet()) {
      if (!kinds.contains(EnricherKind.named(key))) {
        throw new IllegalArgumentException(
            "settings given for '" + key + "', which is not among the enrichers " + names);
      }
    }
    Models models = new Models();
    List<CachedEnricher> built = new ArrayList<>();
    try {
      for (EnricherKind kind : kinds) {
        Config config = kind.config(settings.getOrDefault(kind.enricherName(), Map.of()));
        built.add(
            new CachedEnricher(
                kind.create(config, models),
                config.integer("cache_size", EnricherKind.DEFAULT_CACHE_SIZE)));
      }
    } catch (RuntimeException e) {
      models.close();
      throw e;
    }
    return new Enrichers(models, List.copyOf(built));
  }

  /** The enrichers' names, in order. */
  public List<String> names() {
    return enrichers.stream().map(CachedEnricher::name).toList();
  }

  /**
   * Every enricher's result for {@code text} ({@code null} counts as empty), keyed by enricher name
   * in order. The values are unmodifiable.
   */
  public Map<String, Object> enrich(String text) {
    String t = text == null ? "" : text;
    Map<String, Object> out = new LinkedHashMap<>();
    for (CachedEnricher e : enrichers) {
      out.put(e.name(), e.analyse(t));
    }
    return out;
  }

  /** Each enricher's cache counters, keyed by name. */
  public Map<String, CacheStatistics> cacheStatistics() {
    Map<String, CacheStatistics> out = new LinkedHashMap<>();
    for (CachedEnricher e : enrichers) {
      out.put(e.name(), e.statistics());
    }
    return out;
  }

  @Override
  public void close() {
    models.close();
  }
}
