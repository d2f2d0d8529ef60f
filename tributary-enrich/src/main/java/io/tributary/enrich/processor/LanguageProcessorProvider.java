package io.tributary.enrich.processor;

import io.tributary.enrich.internal.EnricherKind;

/**
 * The {@code language} processor: language detection. Listed for {@link java.util.ServiceLoader}.
 */
public final class LanguageProcessorProvider extends EnrichProcessorProvider {
  public LanguageProcessorProvider() {
    super(EnricherKind.LANGUAGE);
  }
}
