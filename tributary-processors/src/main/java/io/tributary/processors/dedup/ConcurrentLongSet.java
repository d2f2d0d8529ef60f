package io.tributary.processors.dedup;

/**
 * A set of 64-bit values that many threads may add to at once; {@link #add} is atomic, so when
 * several threads add the same value exactly one of them gets {@code true}.
 *
 * <p>The values are expected to be well-mixed hashes. They are spread over {@value #SEGMENTS}
 * segments by their top bits; each segment is an open-addressing table of {@code long}s (linear
 * probing on the low bits) guarded by its own lock, so threads rarely wait for each other. A table
 * doubles when it is three quarters full, so the set uses 8 bytes per slot and between about 11 and
 * 21 bytes per value: 10 million values take roughly 110 to 210 MB.
 */
final class ConcurrentLongSet {
  static final int SEGMENTS = 64;
  private static final int SEGMENT_SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(SEGMENTS);
  private static final int INITIAL_SLOTS = 256;

  private final Segment[] segments = new Segment[SEGMENTS];

  ConcurrentLongSet() {
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment();
    }
  }

  /** Adds a value; true if it was not there before. */
  boolean add(long value) {
    Segment s = segments[(int) (value >>> SEGMENT_SHIFT)];
    synchronized (s) {
      return s.add(value);
    }
  }

  boolean contains(long value) {
    Segment s = segments[(int) (value >>> SEGMENT_SHIFT)];
    synchronized (s) {
      return s.contains(value);
    }
  }

  /** How many values the set holds. */
  long size() {
    long n = 0;
    for (Segment s : segments) {
      synchronized (s) {
        n += s.size + (s.hasZero ? 1 : 0);
      }
    }
    return n;
  }

  /** Drops every value and releases the memory. */
  void clear() {
    for (Segment s : segments) {
      synchronized (s) {
        s.table = new long[INITIAL_SLOTS];
        s.size = 0;
        s.hasZero = false;
      }
    }
  }

  /** One open-addressing table; 0 marks a free slot, so the value 0 is kept in a flag. */
  private static final class Segment {
    long[] table = new long[INITIAL_SLOTS];
    int size;
    boolean hasZero;

    boolean add(long value) {
      if (value == 0) {
        boolean added = !hasZero;
        hasZero = true;
        return added;
      }
      long[] t = table;
      int mask = t.length - 1;
      int i = (int) value & mask;
      while (t[i] != 0) {
        if (t[i] == value) {
          return false;
        }
        i = (i + 1) & mask;
      }
      t[i] = value;
      if (++size * 4L > t.length * 3L) {
        grow();
      }
      return true;
    }

    boolean contains(long value) {
      if (value == 0) {
        return hasZero;
      }
      long[] t = table;
      int mask = t.length - 1;
      int i = (int) value & mask;
      while (t[i] != 0) {
        if (t[i] == value) {
          return true;
        }
        i = (i + 1) & mask;
      }
      return false;
    }

    private void grow() {
      long[] old = table;
      long[] t = new long[old.length * 2];
      int mask = t.length - 1;
      for (long v : old) {
        if (v != 0) {
          int i = (int) v & mask;
          while (t[i] != 0) {
            i = (i + 1) & mask;
          }
          t[i] = v;
        }
      }
      table = t;
    }
  }
}
