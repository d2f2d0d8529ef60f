package io.tributary.enrich.processor;

import io.tributary.enrich.internal.EnricherKind;

/**
 * The {@code entities} processor: pattern entity extraction. Listed for {@link
 * java.util.ServiceLoader}.
 */
public final class EntitiesProcessorProvider extends EnrichProcessorProvider {
  public EntitiesProcessorProvider() {
    super(EnricherKind.ENTITIES);
  }
}
