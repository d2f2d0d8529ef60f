package io.tributary.http;

import io.tributary.http.internal.engine.ManifestConnectorProvider;
import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.internal.manifest.ManifestLoader;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConnectorCatalog;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.config.ConfigProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Offers one connector per declarative HTTP manifest: the built-in ones shipped in this jar ({@code
 * io/tributary/http/manifests/*.yaml}, listed in {@code index.txt} there) and a project's own
 * ({@code <projectDir>/connectors/*.yaml}). A project manifest with the name of a built-in one
 * replaces it. Found through {@code META-INF/services/io.tributary.spi.ConnectorCatalog}.
 *
 * <p>Stateless apart from the built-in manifests it parses once; thread-safe.
 */
public final class ManifestCatalog implements ConnectorCatalog {
  /** Where built-in manifests live inside the jar. */
  public static final String BUILT_IN_FOLDER = "io/tributary/http/manifests/";

  private volatile List<Manifest> builtIns;

  public ManifestCatalog() {}

  @Override
  public List<ConnectorProvider> connectors(Path projectDir) {
    return connectors(projectDir, List.of());
  }

  /**
   * Built-ins, then the project's {@code connectors/} folder, then each named path in order (a
   * folder's {@code *.yaml} / {@code *.yml}, or one manifest file); a later manifest replaces an
   * earlier one of the same name.
   */
  @Override
  public List<ConnectorProvider> connectors(Path projectDir, List<Path> manifests) {
    Map<String, Manifest> byName = new LinkedHashMap<>();
    for (Manifest m : builtIns()) {
      byName.put(m.name(), m);
    }
    if (projectDir != null) {
      for (Manifest m : userManifests(projectDir.resolve("connectors"))) {
        byName.put(m.name(), m);
      }
    }
    for (Path path : manifests) {
      for (Manifest m : namedManifests(path)) {
        byName.put(m.name(), m);
      }
    }
    List<ConnectorProvider> out = new ArrayList<>();
    byName.values().forEach(m -> out.add(new ManifestConnectorProvider(m)));
    return out;
  }

  /**
   * The Markdown reference page of every built-in connector, by file name ({@code <name>.md}), plus
   * an index ({@code README.md}); {@code tributary gen-docs} writes them to {@code
   * docs/connectors/}.
   */
  public Map<String, String> referencePages() {
    return io.tributary.http.internal.docs.ConnectorReference.pages(builtIns());
  }

  /** The manifests shipped in the jar. */
  public List<Manifest> builtIns() {
    List<Manifest> b = builtIns;
    if (b == null) {
      b = loadBuiltIns();
      builtIns = b;
    }
    return b;
  }

  private static List<Manifest> loadBuiltIns() {
    ClassLoader cl = ManifestCatalog.class.getClassLoader();
    List<Manifest> out = new ArrayList<>();
    String index = resource(cl, BUILT_IN_FOLDER + "index.txt");
    if (index == null) {
      return out;
    }
    for (String line : index.split("\\R")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      String text = resource(cl, BUILT_IN_FOLDER + name);
      if (text == null) {
        throw new IllegalStateException("built-in manifest " + name + " is listed but missing");
      }
      out.add(ManifestLoader.load("built-in:" + name, text));
    }
    return List.copyOf(out);
  }

  private static String resource(ClassLoader cl, String path) {
    try (InputStream in = cl.getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }

  /** A path named in a pipeline: a folder of manifests or a single manifest file. */
  private static List<Manifest> namedManifests(Path path) {
    if (Files.isDirectory(path)) {
      return userManifests(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  path.toString(),
                  "source.manifests",
                  path.toString(),
                  "the connector manifest file or folder named in source.manifests does not"
                      + " exist; check the path (relative to the pipeline file)")));
    }
    return List.of(ManifestLoader.load(path));
  }

  /**
   * Loads every {@code *.yaml} / {@code *.yml} in {@code folder}.
   *
   * @throws ConfigException listing the problems of every malformed manifest at once
   */
  public static List<Manifest> userManifests(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files =
          s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new ConfigException("cannot list " + folder + ": " + e.getMessage());
    }
    List<Manifest> out = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, Path> seen = new LinkedHashMap<>();
    for (Path f : files) {
      try {
        Manifest m = ManifestLoader.load(f);
        Path other = seen.put(m.name(), f);
        if (other != null) {
          problems.add(
              new ConfigProblem(
                  f.toString(),
                  "name",
                  m.name(),
                  "another manifest (" + other + ") already uses this name; rename one"));
        }
        out.add(m);
      } catch (ConfigException e) {
        if (e.problems().isEmpty()) {
          problems.add(new ConfigProblem(f.toString(), "", null, e.getMessage()));
        } else {
          problems.addAll(e.problems());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return out;
  }
}
