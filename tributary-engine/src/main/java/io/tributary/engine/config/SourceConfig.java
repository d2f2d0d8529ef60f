package io.tributary.engine.config;

import java.util.List;
import java.util.Map;

/**
 * The {@code source} section.
 *
 * @param connector the connector's name
 * @param config the connector's configuration, interpolated but otherwise as written (validated
 *     against the connector's spec)
 * @param streams the selected streams; empty means every stream the connector discovers
 */
public record SourceConfig(
    String connector, Map<String, Object> config, List<StreamSelection> streams) {
  public SourceConfig {
    config = config == null ? Map.of() : config;
    streams = streams == null ? List.of() : List.copyOf(streams);
  }
}
