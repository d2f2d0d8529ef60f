package io.tributary.engine.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code source} section.
 *
 * @param connector the connector's name
 * @param config the connector's configuration, interpolated but otherwise as written (validated
 *     against the connector's spec)
 * @param streams the selected streams; empty means every stream the connector discovers
 * @param manifests the connector manifest files or folders named in {@code source.manifests},
 *     absolute; empty when the pipeline names none
 */
public record SourceConfig(
    String connector,
    Map<String, Object> config,
    List<StreamSelection> streams,
    List<Path> manifests) {
  public SourceConfig {
    config = config == null ? Map.of() : config;
    streams = streams == null ? List.of() : List.copyOf(streams);
    manifests = manifests == null ? List.of() : List.copyOf(manifests);
  }

  /** A source that names no manifest paths. */
  public SourceConfig(String connector, Map<String, Object> config, List<StreamSelection> streams) {
    this(connector, config, streams, List.of());
  }
}
