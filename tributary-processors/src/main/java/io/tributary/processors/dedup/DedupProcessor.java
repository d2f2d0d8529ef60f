package io.tributary.processors.dedup;

import io.tributary.spi.ProcessResult;
import io.tributary.spi.Processor;
import io.tributary.spi.Record;

/**
 * Drops a record whose identity (per {@link DedupMode}) was seen earlier in this run. Remembers
 * only a 64-bit fingerprint per identity (see {@link Fingerprints} for the collision odds and
 * {@link ConcurrentLongSet} for the memory). Thread-safe: when threads race with equal records,
 * exactly one passes. "Earlier" means earlier to reach the processor: with concurrent processing,
 * which of two equal records is kept is not defined.
 *
 * <p>A record without the parts its mode needs (the engine normally stamps both key and hash) is
 * judged by what it has: {@code exact} uses the key or the hash alone, {@code key} falls back to
 * the hash; a record with neither always passes.
 */
final class DedupProcessor implements Processor {
  private static final int MAX_KEY_SHOWN = 80;
  private static final int KEY = 1;
  private static final int HASH = 2;
  private static final int PAIR = 3;

  private final DedupMode mode;
  private final ConcurrentLongSet seen = new ConcurrentLongSet();

  DedupProcessor(DedupMode mode) {
    this.mode = mode;
  }

  @Override
  public ProcessResult process(Record record) {
    String key = record.key();
    String hash = record.hash();
    boolean byKey = key != null && mode != DedupMode.CONTENT;
    boolean byHash = hash != null && (mode != DedupMode.KEY || key == null);
    long fingerprint;
    if (byKey && byHash) {
      fingerprint = Fingerprints.of(PAIR, key, hash);
    } else if (byKey) {
      fingerprint = Fingerprints.of(KEY, key);
    } else if (byHash) {
      fingerprint = Fingerprints.of(HASH, hash);
    } else {
      return ProcessResult.pass(record);
    }
    if (seen.add(fingerprint)) {
      return ProcessResult.pass(record);
    }
    return ProcessResult.duplicate(reason(key));
  }

  private String reason(String key) {
    String shown =
        key == null
            ? ""
            : " key '"
                + (key.length() > MAX_KEY_SHOWN ? key.substring(0, MAX_KEY_SHOWN) + "…" : key)
                + "'";
    return switch (mode) {
      case EXACT -> "same" + shown + " and content as an earlier record in this run";
      case KEY -> "same" + shown + " as an earlier record in this run";
      case CONTENT -> "same content as an earlier record in this run";
    };
  }

  /** How many distinct identities were seen. */
  long distinct() {
    return seen.size();
  }

  @Override
  public void close() {
    seen.clear();
  }
}
