package io.tributary.engine.schedule;

import io.tributary.engine.config.PipelineConfig;
import io.tributary.spi.ConfigException;
import io.tributary.spi.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pipeline files ({@code *.yaml}, {@code *.yml}) of one directory, reloaded when they change.
 *
 * <p>{@link #scan()} reads every file, and validates each one whose content (or the directory's
 * {@code .env}) changed since the last scan. A valid file replaces its previous version; an invalid
 * one is reported with every problem and, if it had a valid version before, that version stays in
 * effect. A deleted file's pipeline is removed. Two files may not use the same pipeline name: the
 * file that had the name first keeps it.
 *
 * <p>Thread-safe: scans and reads are serialised.
 */
public final class PipelineDirectory {

  /** Loads and validates one pipeline file. */
  @FunctionalInterface
  public interface Loader {
    /**
     * @throws ConfigException with every problem when the file is invalid
     */
    PipelineConfig load(Path file);
  }

  /**
   * A file that is not (or no longer) valid.
   *
   * @param file the file
   * @param problems every problem, with file:line:column
   * @param keptPipeline the name of the previous valid version that stays in effect, or {@code
   *     null}
   */
  public record InvalidFile(Path file, List<String> problems, String keptPipeline) {}

  /**
   * What a scan changed.
   *
   * @param loaded pipelines that are new or changed, with {@code true} for changed
   * @param removed pipelines whose file is gone (or that were renamed), with their former file
   * @param invalid files that turned invalid or are invalid and changed since the last scan
   */
  public record Changes(
      Map<PipelineConfig, Boolean> loaded, Map<String, Path> removed, List<InvalidFile> invalid) {
    public boolean isEmpty() {
      return loaded.isEmpty() && removed.isEmpty() && invalid.isEmpty();
    }
  }

  private record Tracked(String hash, PipelineConfig valid, InvalidFile invalid) {}

  private final Path dir;
  private final Loader loader;
  private final java.util.Set<Path> ignored;
  private final Map<Path, Tracked> files = new TreeMap<>();
  private String envHash = "";

  public PipelineDirectory(Path dir, Loader loader) {
    this(dir, loader, java.util.Set.of());
  }

  /**
   * A directory whose YAML files are pipelines, except {@code ignored} ones that live there too but
   * are something else (e.g. {@code serve}'s global {@code alerts.yaml}).
   */
  public PipelineDirectory(Path dir, Loader loader, java.util.Set<Path> ignored) {
    this.dir = dir.toAbsolutePath().normalize();
    this.loader = loader;
    this.ignored =
        ignored.stream()
            .map(p -> p.toAbsolutePath().normalize())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  public Path dir() {
    return dir;
  }

  /**
   * Re-reads the directory and validates what changed.
   *
   * @throws IllegalStateException when the directory itself cannot be read
   */
  public synchronized Changes scan() {
    Map<Path, byte[]> contents = new TreeMap<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.startsWith(".") || !(n.endsWith(".yaml") || n.endsWith(".yml"))) {
          continue;
        }
        if (!Files.isRegularFile(p) || ignored.contains(p.toAbsolutePath().normalize())) {
          continue;
        }
        try {
          contents.put(p, Files.readAllBytes(p));
        } catch (IOException e) {
          contents.put(p, null); // unreadable now: let the loader report it properly
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the pipelines directory "
              + dir
              + " ("
              + e.getClass().getSimpleName()
              + "); check that it exists and is readable",
          e);
    }
    String newEnvHash = hash(readQuietly(dir.resolve(".env")));
    boolean envChanged = !newEnvHash.equals(envHash);
    envHash = newEnvHash;

    Map<String, Path> before = namesToFiles();
    Map<PipelineConfig, Boolean> loaded = new LinkedHashMap<>();
    List<InvalidFile> invalid = new ArrayList<>();

    files.keySet().removeIf(p -> !contents.containsKey(p));
    for (Map.Entry<Path, byte[]> e : contents.entrySet()) {
      Path file = e.getKey();
      String h = e.getValue() == null ? "unreadable" : hash(e.getValue());
      Tracked old = files.get(file);
      if (old != null && old.hash().equals(h) && !envChanged) {
        continue;
      }
      PipelineConfig previous = old == null ? null : old.valid();
      try {
        PipelineConfig p = loader.load(file);
        String owner = ownerOf(p.name(), file);
        if (owner != null) {
          InvalidFile bad =
              new InvalidFile(
                  file,
                  List.of(
                      file
                          + ": pipeline name '"
                          + p.name()
                          + "' is already used by "
                          + owner
                          + "; give each pipeline a unique name"),
                  previous == null ? null : previous.name());
          files.put(file, new Tracked(h, previous, bad));
          invalid.add(bad);
          continue;
        }
        files.put(file, new Tracked(h, p, null));
        boolean fileChanged = old == null || !old.hash().equals(h);
        if (fileChanged || !sameContent(previous, p) || old.invalid() != null) {
          loaded.put(p, previous != null && previous.name().equals(p.name()));
        }
      } catch (ConfigException ex) {
        List<String> problems =
            ex.problems().isEmpty()
                ? List.of(file + ": " + ex.getMessage())
                : ex.problems().stream().map(ConfigProblem::toString).toList();
        InvalidFile bad =
            new InvalidFile(file, problems, previous == null ? null : previous.name());
        files.put(file, new Tracked(h, previous, bad));
        invalid.add(bad);
      }
    }
    Map<String, Path> after = namesToFiles();
    Map<String, Path> removed = new LinkedHashMap<>();
    before.forEach(
        (name, file) -> {
          if (!after.containsKey(name)) {
            removed.put(name, file);
          }
        });
    return new Changes(loaded, removed, invalid);
  }

  /** The valid pipelines, by name. */
  public synchronized Map<String, PipelineConfig> pipelines() {
    Map<String, PipelineConfig> out = new TreeMap<>();
    files
        .values()
        .forEach(t -> Optional.ofNullable(t.valid()).ifPresent(p -> out.put(p.name(), p)));
    return out;
  }

  /** The files that are currently invalid (possibly with a previous version in effect). */
  public synchronized List<InvalidFile> invalidFiles() {
    return files.values().stream().map(Tracked::invalid).filter(i -> i != null).toList();
  }

  private Map<String, Path> namesToFiles() {
    Map<String, Path> m = new HashMap<>();
    files.forEach(
        (path, t) -> {
          if (t.valid() != null) {
            m.put(t.valid().name(), path);
          }
        });
    return m;
  }

  private String ownerOf(String name, Path except) {
    for (Map.Entry<Path, Tracked> e : files.entrySet()) {
      if (!e.getKey().equals(except)
          && e.getValue().valid() != null
          && e.getValue().valid().name().equals(name)) {
        return e.getKey().toString();
      }
    }
    return null;
  }

  /** Whether only the environment was re-read and the pipeline came out the same. */
  private static boolean sameContent(PipelineConfig a, PipelineConfig b) {
    return a != null && a.toString().equals(b.toString()) && a.secrets().equals(b.secrets());
  }

  private static byte[] readQuietly(Path p) {
    try {
      return Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0];
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static String hash(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
