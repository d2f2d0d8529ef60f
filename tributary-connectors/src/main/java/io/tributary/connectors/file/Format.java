package io.tributary.connectors.file;

import java.util.Locale;
import java.util.Optional;

/** The file formats the file connector reads. */
enum Format {
  /** One JSON object per line. */
  JSONL,
  /** One JSON document per file; records are an array inside it or the document itself. */
  JSON,
  /** Comma (or other) separated values with a header row. */
  CSV;

  /** The name used in configuration. */
  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Format fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }

  /** The format a path's extension implies, if any. */
  static Optional<Format> fromExtension(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".jsonl") || p.endsWith(".ndjson")) {
      return Optional.of(JSONL);
    }
    if (p.endsWith(".json")) {
      return Optional.of(JSON);
    }
    if (p.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    return Optional.empty();
  }
}
