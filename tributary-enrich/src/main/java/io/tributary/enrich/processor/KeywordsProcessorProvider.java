package io.tributary.enrich.processor;

import io.tributary.enrich.internal.EnricherKind;

/**
 * The {@code keywords} processor: keyword extraction. Listed for {@link java.util.ServiceLoader}.
 */
public final class KeywordsProcessorProvider extends EnrichProcessorProvider {
  public KeywordsProcessorProvider() {
    super(EnricherKind.KEYWORDS);
  }
}
