package io.tributary.enrich.processor;

import io.tributary.enrich.internal.EnricherKind;

/** The {@code sentiment} processor: VADER sentiment. Listed for {@link java.util.ServiceLoader}. */
public final class SentimentProcessorProvider extends EnrichProcessorProvider {
  public SentimentProcessorProvider() {
    super(EnricherKind.SENTIMENT);
  }
}
