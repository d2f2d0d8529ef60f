package io.tributary.connectors.file;

import io.tributary.connectors.file.ReadState.FileEntry;
import io.tributary.spi.Checkpoint;
import io.tributary.spi.ConnectorContext.Window;
import io.tributary.spi.Emitter;
import io.tributary.spi.Record;
import io.tributary.spi.RejectedInput;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One read of the file stream: decides which files and records to emit, and builds the checkpoints.
 *
 * <p>Incremental read (no window): a file that is done and unchanged (same size and last-modified
 * time) is skipped; a file with a stored position resumes there; any other file is read from the
 * start. With a cursor field, records whose cursor is below the previous read's highest cursor are
 * skipped (equal ones are kept, so ties are never lost). A checkpoint follows every {@code
 * checkpoint_every} inputs (records, rejected lines and skipped records alike) and the end of each
 * file.
 *
 * <p>Backfill window: every file is read from the start, only records whose cursor lies in the
 * window are emitted, and no checkpoint is emitted, so the stored state does not move.
 *
 * <p>Not thread-safe: one session serves one {@code read} call on one thread.
 */
final class ReadSession implements RecordSink {
  private static final int CANCEL_CHECK_MASK = 1023;

  private final String stream;
  private final Format format;
  private final Emitter emitter;
  private final long checkpointEvery;
  private final String cursorField;
  private final Instant windowFrom;
  private final Instant windowTo;
  private final boolean windowed;
  private final Object threshold;
  private Object runningMax;

  private final com.fasterxml.jackson.core.JsonPointer recordPointer;
  private final Map<String, FileEntry> prior;
  private final Map<String, Map<String, Object>> files = new LinkedHashMap<>();
  private String currentKey;
  private long currentSize;
  private long currentModified;
  private long sinceCheckpoint;
  private long consumed;

  ReadSession(
      String stream,
      FileSettings settings,
      Optional<String> cursorField,
      Optional<Window> window,
      Map<String, Object> state,
      Emitter emitter,
      List<FileMatcher.InputFile> matched) {
    this.stream = stream;
    this.format = settings.format();
    this.emitter = emitter;
    this.checkpointEvery = settings.checkpointEvery();
    this.recordPointer = settings.recordPointer().orElse(null);
    this.cursorField = cursorField.orElse(null);
    this.windowed = window.isPresent();
    this.windowFrom = window.map(Window::from).orElse(null);
    this.windowTo = window.map(Window::to).orElse(null);
    Map<String, Object> st = windowed || state == null ? Map.of() : state;
    boolean sameCursor =
        this.cursorField != null && this.cursorField.equals(st.get(ReadState.CURSOR_FIELD));
    this.threshold = sameCursor ? st.get(ReadState.CURSOR) : null;
    Object max = sameCursor ? st.get(ReadState.CURSOR_MAX) : null;
    this.runningMax = higher(threshold, max);
    this.prior = ReadState.files(st);
    for (FileMatcher.InputFile f : matched) {
      FileEntry e = prior.get(f.stateKey());
      if (e != null) {
        files.put(f.stateKey(), e.toMap());
      }
    }
  }

  /**
   * Starts a file.
   *
   * @return where to start reading it, or {@code null} to skip it (done and unchanged)
   */
  FileEntry startFile(FileMatcher.InputFile file, long size, long modified) {
    currentKey = file.stateKey();
    currentSize = size;
    currentModified = modified;
    FileEntry before = prior.get(currentKey);
    if (!windowed && before != null && before.sameFile(size, modified) && before.fits(format)) {
      if (before.done()) {
        return null;
      }
      return before;
    }
    return FileEntry.start(size, modified, format == Format.JSON);
  }

  /** The current file was read to its end. */
  void fileDone(boolean last) {
    files.put(currentKey, new FileEntry(currentSize, currentModified, true, 0, 0).toMap());
    if (!last) {
      checkpoint(null, false);
    }
    sinceCheckpoint = 0;
  }

  /** Every file was read: commits the highest cursor as the next read's threshold. */
  void finish() {
    checkpoint(null, true);
  }

  @Override
  public boolean record(
      Map<String, Object> data, String origin, long nextOffset, long nextPosition) {
    if (recordPointer != null) {
      Object inner = unwrap(data, recordPointer);
      if (!(inner instanceof Map<?, ?>)) {
        return reject(
            String.valueOf(data).length() > 65_536
                ? String.valueOf(data).substring(0, 65_536)
                : String.valueOf(data),
            origin,
            "record_pointer '" + recordPointer + "' does not lead to an object in this record",
            nextOffset,
            nextPosition);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> unwrapped = (Map<String, Object>) inner;
      data = unwrapped;
    }
    if (cursorField != null && !wanted(data.get(cursorField))) {
      return advance(nextOffset, nextPosition);
    }
    emitter.emit(Record.of(stream, data, origin));
    return advance(nextOffset, nextPosition);
  }

  @Override
  public boolean reject(
      String payload, String origin, String reason, long nextOffset, long nextPosition) {
    emitter.reject(new RejectedInput(stream, payload, origin, reason));
    return advance(nextOffset, nextPosition);
  }

  private static Object unwrap(
      Map<String, Object> data, com.fasterxml.jackson.core.JsonPointer ptr) {
    Object cur = data;
    for (com.fasterxml.jackson.core.JsonPointer p = ptr; !p.matches(); p = p.tail()) {
      if (cur instanceof Map<?, ?> m) {
        cur = m.get(p.getMatchingProperty());
      } else if (cur instanceof java.util.List<?> l && p.mayMatchElement()) {
        int i = p.getMatchingIndex();
        cur = i < l.size() ? l.get(i) : null;
      } else {
        return null;
      }
    }
    return cur;
  }

  private boolean wanted(Object cursor) {
    if (windowed) {
      Instant t = Cursors.toInstant(cursor);
      return t != null
          && (windowFrom == null || !t.isBefore(windowFrom))
          && (windowTo == null || t.isBefore(windowTo));
    }
    if (cursor == null) {
      return true;
    }
    if (threshold != null) {
      int c = Cursors.compare(cursor, threshold);
      if (c != Cursors.INCOMPARABLE && c < 0) {
        return false;
      }
    }
    runningMax = higher(runningMax, cursor);
    return true;
  }

  private static Object higher(Object a, Object b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    int c = Cursors.compare(b, a);
    return c != Cursors.INCOMPARABLE && c > 0 ? b : a;
  }

  private boolean advance(long nextOffset, long nextPosition) {
    if (++sinceCheckpoint >= checkpointEvery) {
      sinceCheckpoint = 0;
      checkpoint(
          new FileEntry(currentSize, currentModified, false, nextOffset, nextPosition), false);
    }
    return (++consumed & CANCEL_CHECK_MASK) != 0 || !emitter.isCancelled();
  }

  private void checkpoint(FileEntry current, boolean last) {
    if (windowed) {
      return;
    }
    Map<String, Object> fileStates = new LinkedHashMap<>(files);
    if (current != null) {
      fileStates.put(currentKey, current.toMap());
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put(ReadState.FILES, Collections.unmodifiableMap(fileStates));
    if (cursorField != null) {
      state.put(ReadState.CURSOR_FIELD, cursorField);
      Object committed = last ? runningMax : threshold;
      if (committed != null) {
        state.put(ReadState.CURSOR, committed);
      }
      if (!last && runningMax != null) {
        state.put(ReadState.CURSOR_MAX, runningMax);
      }
    }
    emitter.checkpoint(new Checkpoint(stream, Collections.unmodifiableMap(state)));
  }
}
