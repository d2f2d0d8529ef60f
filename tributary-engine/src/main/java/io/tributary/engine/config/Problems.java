package io.tributary.engine.config;

import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.config.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the problems of one load, each with the file and position it belongs to, and turns them
 * into {@link ConfigProblem}s sorted by file (in the order files were first seen) and position. Not
 * thread-safe: one instance per load.
 */
final class Problems {

  /** A 1-based line and column; {@code line == 0} means "the file as a whole". */
  record Pos(int line, int column) {
    static final Pos FILE = new Pos(0, 0);
    static final Pos START = new Pos(1, 1);
  }

  private record Found(String file, Pos pos, String path, String value, String message) {}

  private final List<Found> found = new ArrayList<>();
  private final Map<String, Integer> fileOrder = new LinkedHashMap<>();
  private final Set<List<Object>> messagesAtPlace = new HashSet<>();
  private final Set<List<Object>> pathsAtPlace = new HashSet<>();

  /** Records a problem; the same message at the same place is kept once. */
  void add(String file, Pos pos, String path, String value, String message) {
    record(file, pos, path, value, message, false);
  }

  /**
   * Records a problem unless one is already recorded for the same key at the same place: an unset
   * variable or a wrong tag makes the value wrong too, and the first problem is the one to fix.
   */
  void addIfFirst(String file, Pos pos, String path, String value, String message) {
    record(file, pos, path, value, message, true);
  }

  private void record(
      String file, Pos pos, String path, String value, String message, boolean onlyFirst) {
    String p = path == null || path.isEmpty() ? null : path;
    if (onlyFirst && p != null && pathsAtPlace.contains(List.of(file, pos, p))) {
      return;
    }
    if (!messagesAtPlace.add(List.of(file, pos, message))) {
      return;
    }
    if (p != null) {
      pathsAtPlace.add(List.of(file, pos, p));
    }
    fileOrder.putIfAbsent(file, fileOrder.size());
    found.add(new Found(file, pos, p, value, message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /**
   * The problems as {@link ConfigProblem}s. Values at or below a path in {@code secretPaths} are
   * replaced by {@link Secret#MASK}, and every secret value is scrubbed from values and messages.
   */
  List<ConfigProblem> toConfigProblems(Collection<String> secretPaths, Collection<String> secrets) {
    List<Found> sorted = new ArrayList<>(found);
    sorted.sort(
        Comparator.comparingInt((Found f) -> fileOrder.get(f.file()))
            .thenComparingInt(f -> f.pos().line())
            .thenComparingInt(f -> f.pos().column()));
    List<ConfigProblem> out = new ArrayList<>(sorted.size());
    for (Found f : sorted) {
      String location =
          f.pos().line() == 0 ? f.file() : f.file() + ":" + f.pos().line() + ":" + f.pos().column();
      String value = f.value();
      if (value != null && (isUnder(f.path(), secretPaths) || containsAny(value, secrets, 1))) {
        value = Secret.MASK;
      }
      out.add(new ConfigProblem(location, f.path(), value, scrub(f.message(), secrets)));
    }
    return out;
  }

  private static boolean isUnder(String path, Collection<String> secretPaths) {
    if (path == null) {
      return false;
    }
    for (String s : secretPaths) {
      if (path.equals(s) || path.startsWith(s + ".") || path.startsWith(s + "[")) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAny(String text, Collection<String> secrets, int minLength) {
    for (String s : secrets) {
      if (s.length() >= minLength && text.contains(s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Messages are built from fixed text, key names and (non-secret) values; a secret could only get
   * in through a plugin's message. Very short secrets are left alone so that the fixed text is not
   * garbled; their values are still masked.
   */
  private static String scrub(String message, Collection<String> secrets) {
    String m = message;
    for (String s : secrets) {
      if (s.length() >= 4) {
        m = m.replace(s, Secret.MASK);
      }
    }
    return m;
  }
}
