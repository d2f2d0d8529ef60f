package io.tributary.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * Supplies connector providers that are not single classes, e.g. one provider per declarative HTTP
 * manifest (built-in ones from the jar, a user's own from the project's {@code connectors/}
 * folder). Listed in {@code META-INF/services/io.tributary.spi.ConnectorCatalog}; must have a
 * public no-argument constructor.
 */
public interface ConnectorCatalog {

  /**
   * The connectors this catalog offers for a project.
   *
   * @param projectDir the project directory (where pipelines and the {@code connectors/} folder
   *     live); may be {@code null} when there is no project, then only built-ins are listed
   * @throws ConfigException when a user manifest is malformed (naming file, line and field)
   */
  List<ConnectorProvider> connectors(Path projectDir);
}
