package io.tributary.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConnectorCatalog;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.config.ConfigField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCatalogTest {

  @Test
  void theCatalogIsFoundThroughServiceLoader() {
    List<Class<?>> types =
        ServiceLoader.load(ConnectorCatalog.class).stream()
            .<Class<?>>map(ServiceLoader.Provider::type)
            .toList();
    assertThat(types).contains(ManifestCatalog.class);
  }

  @Test
  void builtInManifestsAreListedAsManifestConnectorsWithBaseUrlOverride() {
    List<ConnectorProvider> providers = new ManifestCatalog().connectors(null);

    assertThat(providers)
        .extracting(ConnectorProvider::name)
        .contains(
            "reddit",
            "github",
            "openaq",
            "coingecko",
            "yahoo_finance",
            "alphavantage",
            "twitter",
            "newsapi",
            "gdelt",
            "etherscan",
            "openweathermap",
            "open_meteo");
    assertThat(providers).extracting(ConnectorProvider::kind).containsOnly("manifest");
    for (ConnectorProvider p : providers) {
      assertThat(p.spec().field("base_url")).as(p.name()).isPresent();
      assertThat(p.spec().field("allow_private_addresses")).as(p.name()).isPresent();
      assertThat(p.description()).as(p.name()).isNotBlank();
    }
    ConnectorProvider github =
        providers.stream().filter(p -> p.name().equals("github")).findFirst().orElseThrow();
    assertThat(github.spec().field("token").map(ConfigField::secret)).contains(true);
    for (String[] secret :
        new String[][] {
          {"newsapi", "api_key"},
          {"etherscan", "api_key"},
          {"openweathermap", "api_key"},
          {"alphavantage", "api_key"}
        }) {
      ConnectorProvider p =
          providers.stream().filter(x -> x.name().equals(secret[0])).findFirst().orElseThrow();
      assertThat(p.spec().field(secret[1]).map(ConfigField::secret))
          .as(secret[0] + "." + secret[1])
          .contains(true);
    }
  }

  @Test
  void aProjectsOwnManifestsAreAddedAndMayReplaceABuiltIn(@TempDir Path project)
      throws IOException {
    Files.createDirectories(project.resolve("connectors"));
    Files.writeString(
        project.resolve("connectors/acme.yaml"),
        """
        name: acme
        description: Our internal API
        base_url: https://api.acme.test
        streams:
          - name: things
            request: {path: /things}
        """);
    Files.writeString(
        project.resolve("connectors/github.yml"),
        """
        name: github
        description: Our GitHub Enterprise
        base_url: https://ghe.acme.test/api/v3
        streams:
          - name: repos
            request: {path: /user/repos}
        """);
    Files.writeString(project.resolve("connectors/notes.txt"), "not a manifest");

    List<ConnectorProvider> providers = new ManifestCatalog().connectors(project);

    assertThat(providers)
        .extracting(ConnectorProvider::name)
        .contains("acme")
        .containsOnlyOnce("github");
    assertThat(
            providers.stream()
                .filter(p -> p.name().equals("github"))
                .findFirst()
                .orElseThrow()
                .description())
        .isEqualTo("Our GitHub Enterprise");
  }

  @Test
  void aMalformedUserManifestIsRefusedNamingFileLineAndField(@TempDir Path project)
      throws IOException {
    Files.createDirectories(project.resolve("connectors"));
    Files.writeString(
        project.resolve("connectors/broken.yaml"),
        """
        name: broken
        description: d
        base_url: https://x.test
        streams:
          - name: s
            request: {path: /s}
            records: {paht: /data}
        """);

    assertThatThrownBy(() -> new ManifestCatalog().connectors(project))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broken.yaml:7:")
        .hasMessageContaining("streams[0].records.paht")
        .hasMessageContaining("did you mean 'path'?");
  }

  private static String manifest(String name, String description) {
    return """
        name: %s
        description: %s
        base_url: https://api.example.test
        streams:
          - name: things
            request: {path: /things}
        """
        .formatted(name, description);
  }

  @Test
  void pathsNamedByAPipelineAddFoldersAndFilesAndReplaceEarlierOnes(@TempDir Path root)
      throws IOException {
    Path project = root.resolve("project");
    Files.createDirectories(project.resolve("connectors"));
    Files.writeString(project.resolve("connectors/acme.yaml"), manifest("acme", "the project's"));
    Path shared = Files.createDirectories(root.resolve("shared"));
    Files.writeString(shared.resolve("acme.yaml"), manifest("acme", "the shared one"));
    Files.writeString(shared.resolve("beta.yml"), manifest("beta", "Beta API"));
    Path single = Files.writeString(root.resolve("gamma.yaml"), manifest("gamma", "Gamma API"));

    List<ConnectorProvider> providers =
        new ManifestCatalog().connectors(project, List.of(shared, single));

    assertThat(providers).extracting(ConnectorProvider::name).contains("acme", "beta", "gamma");
    assertThat(providers)
        .filteredOn(p -> p.name().equals("acme"))
        .singleElement()
        .extracting(ConnectorProvider::description)
        .isEqualTo("the shared one");
  }

  @Test
  void aNamedPathThatDoesNotExistIsAConfigErrorNamingIt(@TempDir Path root) {
    Path missing = root.resolve("nowhere");
    assertThatThrownBy(() -> new ManifestCatalog().connectors(root, List.of(missing)))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.location()).isEqualTo(missing.toString());
                          assertThat(p.message()).contains("does not exist");
                        }));
  }
}
