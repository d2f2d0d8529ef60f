package io.tributary.processors.dedup;

import java.util.Locale;

/** What makes two records duplicates. */
enum DedupMode {
  /** Same key and same content hash: an exact repeat. */
  EXACT,
  /** Same key, whatever the content: only the first record per key is kept. */
  KEY,
  /** Same content hash, whatever the key. */
  CONTENT;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static DedupMode fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
