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

  /**
   * The connectors this catalog offers for a project plus those in {@code manifests}: the paths
   * (files or folders) a pipeline names besides the project's own folder. A connector found there
   * replaces one of the same name found in the project or built in. Catalogs without such files
   * ignore the paths.
   *
   * @param projectDir as for {@link #connectors(Path)}
   * @param manifests absolute paths of manifest files or folders; may be empty
   * @throws ConfigException when a path does not exist or a manifest there is malformed
   */
  default List<ConnectorProvider> connectors(Path projectDir, List<Path> manifests) {
    return connectors(projectDir);
  }
}
