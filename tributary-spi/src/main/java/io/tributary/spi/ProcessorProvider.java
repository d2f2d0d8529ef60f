package io.tributary.spi;

import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigSpec;

/**
 * Registers a processor type under the name pipelines use in {@code process: [{type: NAME, ...}]}.
 * Listed in {@code META-INF/services/io.tributary.spi.ProcessorProvider}; stateless and
 * thread-safe.
 */
public interface ProcessorProvider {

  String name();

  /** One line for the docs. */
  String description();

  /** The configuration one step of this type accepts (besides {@code type}). */
  ConfigSpec spec();

  /** Creates the processor for one stream of one run. */
  Processor create(Config config, ProcessorContext context);
}
