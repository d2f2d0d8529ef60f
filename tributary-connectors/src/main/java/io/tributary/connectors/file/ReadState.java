package io.tributary.connectors.file;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file connector's stream state, as stored by the engine.
 *
 * <pre>{@code
 * {
 *   "files": {
 *     "data/a.jsonl": {"size": 1234, "modified": 1735689600000, "status": "done"},
 *     "data/b.jsonl": {"size": 9876, "modified": 1735689600000,
 *                      "status": {"offset": 4096, "line": 37}},
 *     "data/c.json":  {"size": 5555, "modified": 1735689600000, "status": {"index": 200}}
 *   },
 *   "cursor_field": "created_at",
 *   "cursor": "2025-01-01T00:00:00Z",
 *   "cursor_max": "2025-01-02T00:00:00Z"
 * }
 * }</pre>
 *
 * <p>{@code modified} is the file's last-modified time in epoch milliseconds. A status {@code
 * {"offset", "line"}} (JSONL, CSV) names the byte offset and number of the next unread line; {@code
 * {"index"}} (JSON) the index of the next unread record. {@code cursor} is the highest cursor of
 * the last completed read and is the threshold for skipping old records; {@code cursor_max} is the
 * highest cursor seen so far by a read that has not completed yet (a crashed run): it becomes the
 * new {@code cursor} only when a read completes, so a resumed run never skips records of files it
 * has not read yet.
 */
final class ReadState {
  static final String FILES = "files";
  static final String CURSOR_FIELD = "cursor_field";
  static final String CURSOR = "cursor";
  static final String CURSOR_MAX = "cursor_max";
  static final String SIZE = "size";
  static final String MODIFIED = "modified";
  static final String STATUS = "status";
  static final String DONE = "done";
  static final String OFFSET = "offset";
  static final String LINE = "line";
  static final String INDEX = "index";

  private ReadState() {}

  /**
   * How far a file was read.
   *
   * @param size its size in bytes when it was read
   * @param modified its last-modified time in epoch milliseconds when it was read
   * @param done whether it was read to the end
   * @param offset the byte offset of the next unread line, or -1 for a JSON file
   * @param position the number of the next unread line (JSONL, CSV) or index of the next unread
   *     record (JSON)
   */
  record FileEntry(long size, long modified, boolean done, long offset, long position) {

    static FileEntry start(long size, long modified, boolean json) {
      return json ? new FileEntry(size, modified, false, -1, 0) : at(size, modified, 0, 1);
    }

    static FileEntry at(long size, long modified, long offset, long line) {
      return new FileEntry(size, modified, false, offset, line);
    }

    FileEntry finished() {
      return new FileEntry(size, modified, true, offset, position);
    }

    boolean sameFile(long otherSize, long otherModified) {
      return size == otherSize && modified == otherModified;
    }

    /** Whether this entry's position can resume a file of the given format. */
    boolean fits(Format format) {
      return done || (format == Format.JSON) == (offset < 0);
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(SIZE, size);
      m.put(MODIFIED, modified);
      if (done) {
        m.put(STATUS, DONE);
      } else if (offset < 0) {
        m.put(STATUS, Map.of(INDEX, position));
      } else {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put(OFFSET, offset);
        at.put(LINE, position);
        m.put(STATUS, Collections.unmodifiableMap(at));
      }
      return Collections.unmodifiableMap(m);
    }

    /** Reads an entry back; {@code null} when it is malformed (the file is then read again). */
    static FileEntry fromMap(Object raw) {
      if (!(raw instanceof Map<?, ?> m)
          || !(m.get(SIZE) instanceof Number size)
          || !(m.get(MODIFIED) instanceof Number modified)) {
        return null;
      }
      Object status = m.get(STATUS);
      if (DONE.equals(status)) {
        return new FileEntry(size.longValue(), modified.longValue(), true, 0, 0);
      }
      if (status instanceof Map<?, ?> s) {
        if (s.get(OFFSET) instanceof Number off
            && s.get(LINE) instanceof Number line
            && off.longValue() >= 0
            && line.longValue() >= 1) {
          return at(size.longValue(), modified.longValue(), off.longValue(), line.longValue());
        }
        if (s.get(INDEX) instanceof Number index && index.longValue() >= 0) {
          return new FileEntry(
              size.longValue(), modified.longValue(), false, -1, index.longValue());
        }
      }
      return null;
    }
  }

  /** The per-file entries of a stored state; malformed entries are left out. */
  static Map<String, FileEntry> files(Map<String, Object> state) {
    Map<String, FileEntry> out = new LinkedHashMap<>();
    if (state != null && state.get(FILES) instanceof Map<?, ?> files) {
      files.forEach(
          (k, v) -> {
            FileEntry e = FileEntry.fromMap(v);
            if (e != null) {
              out.put(String.valueOf(k), e);
            }
          });
    }
    return out;
  }
}
