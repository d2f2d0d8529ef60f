package io.tributary.processors.dedup;

/**
 * 64-bit fingerprints of strings: FNV-1a over the UTF-16 code units, then the murmur3 finaliser so
 * every bit depends on every input bit. Not cryptographic: two different inputs share a fingerprint
 * with probability about 2<sup>-64</sup>, so among n distinct records the chance that any two
 * collide (and one is wrongly taken for a duplicate) is about n<sup>2</sup> / 2<sup>65</sup>: 3 ×
 * 10<sup>-8</sup> for one million records, 3 × 10<sup>-6</sup> for ten million, 3 × 10<sup>-4
 * </sup> for a hundred million.
 */
final class Fingerprints {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Fingerprints() {}

  /**
   * A fingerprint of a string in a namespace: the same string under different {@code space} values
   * gives unrelated fingerprints.
   */
  static long of(int space, String s) {
    return mix(fnv((FNV_OFFSET ^ space) * FNV_PRIME, s));
  }

  /** A fingerprint of the pair; ("ab", "c") and ("a", "bc") differ. */
  static long of(int space, String a, String b) {
    long h = fnv((FNV_OFFSET ^ space) * FNV_PRIME, a);
    h = (h ^ a.length()) * FNV_PRIME;
    return mix(fnv(h, b));
  }

  private static long fnv(long h, String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    return h;
  }

  /** The murmur3 64-bit finaliser. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
