package io.tributary.enrich.processor;

import io.tributary.enrich.internal.CachedEnricher;
import io.tributary.enrich.internal.EnricherKind;
import io.tributary.enrich.internal.Models;
import io.tributary.spi.Processor;
import io.tributary.spi.ProcessorContext;
import io.tributary.spi.ProcessorProvider;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigSpec;

/**
 * Common base of the four enrich providers. Each provider instance loads its model once, when it
 * creates its first processor (so before any record is read), and shares it with every processor it
 * creates later. Thread-safe.
 */
abstract sealed class EnrichProcessorProvider implements ProcessorProvider
    permits SentimentProcessorProvider,
        LanguageProcessorProvider,
        EntitiesProcessorProvider,
        KeywordsProcessorProvider {

  private final EnricherKind kind;
  private final Models models = new Models();

  EnrichProcessorProvider(EnricherKind kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return kind.enricherName();
  }

  @Override
  public String description() {
    return kind.description();
  }

  @Override
  public ConfigSpec spec() {
    return kind.spec();
  }

  @Override
  public Processor create(Config config, ProcessorContext context) {
    Config checked = kind.config(config.masked());
    CachedEnricher enricher =
        new CachedEnricher(
            kind.create(checked, models),
            checked.integer("cache_size", EnricherKind.DEFAULT_CACHE_SIZE));
    return new EnrichProcessor(enricher, checked.strings("field"), checked.string("target"));
  }
}
