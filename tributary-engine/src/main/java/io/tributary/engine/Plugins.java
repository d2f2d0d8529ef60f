package io.tributary.engine;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConnectorCatalog;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.ProcessorProvider;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The connectors and processors available to this process, found with {@link ServiceLoader}. */
public final class Plugins {
  private final Map<String, ConnectorProvider> connectors;
  private final Map<String, ProcessorProvider> processors;

  public Plugins(
      Collection<ConnectorProvider> connectors, Collection<ProcessorProvider> processors) {
    this.connectors = new TreeMap<>();
    connectors.forEach(c -> this.connectors.put(c.name(), c));
    this.processors = new TreeMap<>();
    processors.forEach(p -> this.processors.put(p.name(), p));
  }

  /**
   * Everything registered in {@code META-INF/services} on the given class loader, plus what every
   * {@link ConnectorCatalog} offers for {@code projectDir} (which may be {@code null}).
   */
  public static Plugins discover(ClassLoader loader, java.nio.file.Path projectDir) {
    return discover(loader, projectDir, List.of());
  }

  /**
   * As {@link #discover(ClassLoader, java.nio.file.Path)}, with the connector manifests a pipeline
   * names in {@code source.manifests} (absolute paths, see {@link
   * io.tributary.engine.config.PipelineLoader#declaredManifests}).
   */
  public static Plugins discover(
      ClassLoader loader, java.nio.file.Path projectDir, List<java.nio.file.Path> manifests) {
    List<ConnectorProvider> cs =
        new java.util.ArrayList<>(
            ServiceLoader.load(ConnectorProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
    for (ConnectorCatalog catalog : ServiceLoader.load(ConnectorCatalog.class, loader)) {
      cs.addAll(
          manifests.isEmpty()
              ? catalog.connectors(projectDir)
              : catalog.connectors(projectDir, manifests));
    }
    List<ProcessorProvider> ps =
        ServiceLoader.load(ProcessorProvider.class, loader).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    return new Plugins(cs, ps);
  }

  /** A copy with more connectors (e.g. user manifests found in a project's folder). */
  public Plugins withConnectors(Collection<ConnectorProvider> more) {
    List<ConnectorProvider> all =
        java.util.stream.Stream.concat(connectors.values().stream(), more.stream()).toList();
    return new Plugins(all, processors.values());
  }

  public Optional<ConnectorProvider> findConnector(String name) {
    return Optional.ofNullable(connectors.get(name));
  }

  public Optional<ProcessorProvider> findProcessor(String name) {
    return Optional.ofNullable(processors.get(name));
  }

  public ConnectorProvider connector(String name) {
    return findConnector(name)
        .orElseThrow(
            () ->
                new ConfigException(
                    "unknown connector '"
                        + name
                        + "'; available: "
                        + String.join(", ", connectors.keySet())));
  }

  public ProcessorProvider processor(String name) {
    return findProcessor(name)
        .orElseThrow(
            () ->
                new ConfigException(
                    "unknown processor '"
                        + name
                        + "'; available: "
                        + String.join(", ", processors.keySet())));
  }

  /** Sorted by name. */
  public Collection<ConnectorProvider> connectors() {
    return connectors.values();
  }

  /** Sorted by name. */
  public Collection<ProcessorProvider> processors() {
    return processors.values();
  }
}
