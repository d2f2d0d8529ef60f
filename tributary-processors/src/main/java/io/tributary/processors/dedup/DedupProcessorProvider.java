package io.tributary.processors.dedup;

import io.tributary.spi.Processor;
import io.tributary.spi.ProcessorContext;
import io.tributary.spi.ProcessorProvider;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigSpec;

/**
 * The {@code dedup} processor: drops records that repeat an earlier record of the same run, counted
 * as duplicates.
 *
 * <pre>{@code
 * process:
 *   - type: dedup
 *     mode: exact      # exact (default) | key | content
 * }</pre>
 *
 * <p>{@code exact}: same key (the primary key's values, stamped by the engine) and same content
 * hash. {@code key}: any later record with a key already seen. {@code content}: same content hash
 * whatever the key. Memory: a 64-bit fingerprint per distinct record (about 11 to 21 bytes each);
 * collision odds about n<sup>2</sup>/2<sup>65</sup> for n records (3 × 10<sup>-6</sup> at ten
 * million). Within one run only: across runs, the store's upsert by key makes repeats harmless.
 *
 * <p>Stateless and thread-safe; each processor it creates is thread-safe and holds its run's
 * fingerprints until {@code close()}.
 */
public final class DedupProcessorProvider implements ProcessorProvider {
  static final String MODE = "mode";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          "Drops records that repeat an earlier record of the same run.",
          ConfigField.string(MODE)
              .oneOf("exact", "key", "content")
              .defaultsTo("exact")
              .describe(
                  "exact: same key and content; key: same key, whatever the content; content:"
                      + " same content, whatever the key."));

  /** Needed by {@link java.util.ServiceLoader}. */
  public DedupProcessorProvider() {}

  @Override
  public String name() {
    return "dedup";
  }

  @Override
  public String description() {
    return "Drops records that repeat an earlier record of the run (by key, content or both)";
  }

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Processor create(Config config, ProcessorContext context) {
    return new DedupProcessor(DedupMode.fromWire(config.string(MODE)));
  }
}
