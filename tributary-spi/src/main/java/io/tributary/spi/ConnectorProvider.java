package io.tributary.spi;

import io.tributary.spi.config.ConfigSpec;

/**
 * Registers a connector type. Implementations are listed in {@code
 * META-INF/services/io.tributary.spi.ConnectorProvider} and must have a public no-argument
 * constructor; they are stateless and thread-safe.
 */
public interface ConnectorProvider {

  /** The name pipelines use in {@code source.connector}, e.g. {@code file}, {@code reddit}. */
  String name();

  /** {@code java} for connectors written in Java, {@code manifest} for declarative HTTP ones. */
  default String kind() {
    return "java";
  }

  /**
   * The streams this connector offers without any configuration (for {@code connectors list});
   * empty when they depend on the configuration (e.g. the file connector), then {@link
   * Connector#discover} tells.
   */
  default java.util.List<String> streamNames() {
    return java.util.List.of();
  }

  /** One line for {@code tributary connectors list}. */
  String description();

  /** The configuration this connector accepts. */
  ConfigSpec spec();

  /**
   * The state of the circuit breaker this provider shares between its connectors in this process:
   * {@code closed}, {@code open} or {@code half_open}; empty for connectors without one (the
   * default). Cheap and thread-safe: the server's {@code GET /api/sources} asks on every request.
   */
  default java.util.Optional<String> circuitState() {
    return java.util.Optional.empty();
  }

  /** Creates a connector for one run or command. */
  Connector create(ConnectorContext context);
}
