package io.tributary.engine.config;

import java.util.Map;

/**
 * One entry of {@code process}: {@code {type: validate, ...}}.
 *
 * @param type the processor's name
 * @param config the rest of the entry (validated against the processor's spec)
 * @param location {@code file:line:column} of the entry, for error messages
 */
public record StepConfig(String type, Map<String, Object> config, String location) {
  public StepConfig {
    config = config == null ? Map.of() : config;
  }
}
