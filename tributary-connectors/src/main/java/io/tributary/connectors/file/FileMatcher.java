package io.tributary.connectors.file;

import io.tributary.spi.PermanentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the {@code path} glob into the files to read, in name order.
 *
 * <p>The glob is split into a plain directory prefix (the root) and a pattern below it; the root is
 * walked only as deep as the pattern needs ({@code **} walks the whole tree, and {@code **}{@code
 * /} at the start also matches files directly in the root). Directories never match; anything else
 * does, including a link that points nowhere, so that it is reported as unreadable rather than
 * silently skipped.
 */
final class FileMatcher {
  private FileMatcher() {}

  /**
   * One matched file.
   *
   * @param path the file
   * @param name the file's path below the glob's root, used in record origins ({@code a.jsonl:17})
   * @param stateKey the file's path relative to the base directory (absolute if outside it), used
   *     as its key in the stream state
   */
  record InputFile(Path path, String name, String stateKey) {}

  /** The directory a glob's pattern starts from and the pattern below it. */
  record Glob(Path root, String pattern) {}

  static Glob split(Path baseDir, String glob) {
    String normalized = glob.replace('\\', '/');
    String[] segments = normalized.split("/", -1);
    int firstPattern = segments.length;
    for (int i = 0; i < segments.length; i++) {
      if (hasGlobChars(segments[i])) {
        firstPattern = i;
        break;
      }
    }
    if (firstPattern == segments.length) {
      return new Glob(baseDir.resolve(normalized).normalize(), "");
    }
    String prefix = String.join("/", List.of(segments).subList(0, firstPattern));
    String pattern = String.join("/", List.of(segments).subList(firstPattern, segments.length));
    if (prefix.isEmpty() && normalized.startsWith("/")) {
      prefix = "/";
    }
    Path root = prefix.isEmpty() ? baseDir : baseDir.resolve(prefix);
    return new Glob(root.normalize(), pattern);
  }

  /**
   * The files the glob matches, sorted by their path below the root.
   *
   * @throws PermanentException when a directory on the way cannot be listed
   */
  static List<InputFile> match(Path baseDir, String glob) {
    Glob g = split(baseDir, glob);
    Path base = baseDir.toAbsolutePath().normalize();
    if (g.pattern().isEmpty()) {
      Path p = g.root();
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p)) {
        return List.of(new InputFile(p, p.getFileName().toString(), stateKey(base, p)));
      }
      return List.of();
    }
    if (!Files.isDirectory(g.root())) {
      return List.of();
    }
    PathMatcher matcher = g.root().getFileSystem().getPathMatcher("glob:" + g.pattern());
    PathMatcher shallow =
        g.pattern().startsWith("**/")
            ? g.root().getFileSystem().getPathMatcher("glob:" + g.pattern().substring(3))
            : null;
    int depth = g.pattern().contains("**") ? Integer.MAX_VALUE : g.pattern().split("/").length;
    List<InputFile> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(g.root(), depth)) {
      walk.forEach(
          p -> {
            if (p.equals(g.root()) || Files.isDirectory(p)) {
              return;
            }
            Path rel = g.root().relativize(p);
            if (matcher.matches(rel) || (shallow != null && shallow.matches(rel))) {
              out.add(
                  new InputFile(
                      p, rel.toString().replace('\\', '/'), stateKey(base, p.toAbsolutePath())));
            }
          });
    } catch (IOException | UncheckedIOException e) {
      IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new PermanentException(
          String.format(
              "cannot list the files matching '%s' under %s: %s",
              glob, g.root(), FileErrors.reason(io)),
          io);
    }
    out.sort(Comparator.comparing(InputFile::name));
    return out;
  }

  private static String stateKey(Path base, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path key = abs.startsWith(base) ? base.relativize(abs) : abs;
    return key.toString().replace('\\', '/');
  }

  private static boolean hasGlobChars(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }
}
