package io.tributary.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.alerts.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * An {@link AlertStore} kept in memory and written after every change to one JSON file, atomically
 * (a temporary file in the same directory, flushed to disk, then renamed over the old one), so a
 * crash leaves either the old or the new content, never a torn file.
 *
 * <p>Only one process may use a file: {@link #open} takes an exclusive lock on {@code <file>.lock}
 * and fails clearly when another process holds it. Resolved alerts beyond {@code keepResolved} are
 * forgotten, oldest first; firing alerts are always kept. Thread-safe.
 */
public final class FileAlertStore implements AlertStore {
  /** How many resolved alerts are kept by default. */
  public static final int DEFAULT_KEEP_RESOLVED = 500;

  private static final int FORMAT_VERSION = 1;
  private static final Comparator<Alert> NEWEST_FIRST =
      Comparator.comparing(Alert::firedAt, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(Alert::id, Comparator.reverseOrder());

  private final Path file;
  private final int keepResolved;
  private final ObjectMapper json = Json.mapper();
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private final Map<String, RuleState> states = new LinkedHashMap<>();
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private int depth;
  private boolean dirty;
  private boolean closed;

  /** The file's content. */
  record Snapshot(int version, List<Alert> alerts, List<RuleState> states) {}

  private FileAlertStore(Path file, int keepResolved, FileChannel lockChannel, FileLock fileLock) {
    this.file = file;
    this.keepResolved = keepResolved;
    this.lockChannel = lockChannel;
    this.fileLock = fileLock;
  }

  static FileAlertStore memory(int keepResolved) {
    return new FileAlertStore(null, keepResolved, null, null);
  }

  /** Opens (or creates) the store in {@code file}, keeping {@value #DEFAULT_KEEP_RESOLVED}. */
  public static FileAlertStore open(Path file) {
    return open(file, DEFAULT_KEEP_RESOLVED);
  }

  /**
   * Opens (or creates) the store in {@code file}.
   *
   * @param keepResolved how many resolved alerts to keep (at least 1)
   * @throws IllegalStateException when another process uses the file, or the file is not a valid
   *     alert store (the file is left untouched)
   * @throws UncheckedIOException when the file cannot be read
   */
  public static FileAlertStore open(Path file, int keepResolved) {
    if (keepResolved < 1) {
      throw new IllegalArgumentException("keepResolved must be >= 1 but was " + keepResolved);
    }
    Path abs = file.toAbsolutePath();
    FileChannel channel = null;
    try {
      Files.createDirectories(abs.getParent());
      Path lockFile = abs.resolveSibling(abs.getFileName() + ".lock");
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fl;
      try {
        fl = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        fl = null;
      }
      if (fl == null) {
        throw new IllegalStateException(
            "the alert store "
                + abs
                + " is in use by another Tributary process; stop that process or give this one"
                + " another data directory");
      }
      FileAlertStore store = new FileAlertStore(abs, keepResolved, channel, fl);
      store.load();
      return store;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("could not open the alert store " + abs + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private void load() throws IOException {
    Files.deleteIfExists(tempFile());
    if (!Files.exists(file)) {
      return;
    }
    Snapshot s;
    try {
      s = json.readValue(file.toFile(), Snapshot.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the alert store "
              + file
              + " is not valid ("
              + e.getOriginalMessage()
              + " at line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
              + "); restore it from a backup or move it away to start with no alert history",
          e);
    }
    if (s == null || s.version() != FORMAT_VERSION) {
      throw new IllegalStateException(
          "the alert store "
              + file
              + " has format version "
              + (s == null ? "none" : s.version())
              + " but this Tributary reads version "
              + FORMAT_VERSION
              + "; use the Tributary version that wrote it or move the file away");
    }
    for (Alert a : s.alerts() == null ? List.<Alert>of() : s.alerts()) {
      alerts.put(a.id(), a);
    }
    for (RuleState st : s.states() == null ? List.<RuleState>of() : s.states()) {
      states.put(st.key(), st);
    }
  }

  /** The file this store writes, or {@code null} for a store in memory. */
  public Path file() {
    return file;
  }

  @Override
  public Optional<Alert> get(String id) {
    return locked(() -> Optional.ofNullable(alerts.get(id)));
  }

  @Override
  public List<Alert> list(AlertQuery query) {
    return locked(
        () ->
            alerts.values().stream()
                .filter(query::matches)
                .sorted(NEWEST_FIRST)
                .skip(query.offset())
                .limit(query.limit())
                .toList());
  }

  @Override
  public List<Alert> withPendingDeliveries() {
    return locked(
        () ->
            alerts.values().stream()
                .filter(
                    a ->
                        a.notices().stream()
                            .flatMap(n -> n.deliveries().stream())
                            .anyMatch(d -> d.state() == DeliveryState.PENDING))
                .toList());
  }

  @Override
  public void put(Alert alert) {
    atomically(
        () -> {
          alerts.put(alert.id(), alert);
          prune();
          dirty = true;
        });
  }

  @Override
  public Optional<Alert> update(String id, UnaryOperator<Alert> change) {
    return locked(
        () -> {
          Alert old = alerts.get(id);
          if (old == null) {
            return Optional.empty();
          }
          Alert updated = change.apply(old);
          if (!updated.equals(old)) {
            atomically(
                () -> {
                  alerts.put(id, updated);
                  prune();
                  dirty = true;
                });
          }
          return Optional.of(updated);
        });
  }

  @Override
  public Optional<RuleState> state(String key) {
    return locked(() -> Optional.ofNullable(states.get(key)));
  }

  @Override
  public List<RuleState> states(String prefix) {
    return locked(() -> states.values().stream().filter(s -> s.key().startsWith(prefix)).toList());
  }

  @Override
  public void putState(RuleState state) {
    atomically(
        () -> {
          if (!state.equals(states.put(state.key(), state))) {
            dirty = true;
          }
        });
  }

  @Override
  public void removeState(String key) {
    atomically(
        () -> {
          if (states.remove(key) != null) {
            dirty = true;
          }
        });
  }

  @Override
  public void atomically(Runnable work) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the alert store is closed");
      }
      depth++;
      try {
        work.run();
      } finally {
        depth--;
      }
      if (depth == 0 && dirty) {
        write();
        dirty = false;
      }
    } finally {
      lock.unlock();
    }
  }

  private <T> T locked(java.util.function.Supplier<T> read) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the alert store is closed");
      }
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  private void prune() {
    List<Alert> resolved =
        alerts.values().stream()
            .filter(a -> !a.firing())
            .sorted(
                Comparator.comparing(
                    (Alert a) -> a.resolvedAt() == null ? Instant.MIN : a.resolvedAt()))
            .toList();
    for (int i = 0; i < resolved.size() - keepResolved; i++) {
      alerts.remove(resolved.get(i).id());
    }
  }

  private Path tempFile() {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }

  private void write() {
    if (file == null) {
      return;
    }
    Snapshot s =
        new Snapshot(
            FORMAT_VERSION, new ArrayList<>(alerts.values()), new ArrayList<>(states.values()));
    Path tmp = tempFile();
    try {
      byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(s);
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not write the alert store " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (fileLock != null) {
          fileLock.release();
        }
      } catch (IOException ignored) {
        // the channel's close below releases it too
      }
      closeQuietly(lockChannel);
    } finally {
      lock.unlock();
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing to do: the lock goes with the process anyway
      }
    }
  }

  @Override
  public String toString() {
    return "FileAlertStore[" + (file == null ? "memory" : file) + "]";
  }
}
