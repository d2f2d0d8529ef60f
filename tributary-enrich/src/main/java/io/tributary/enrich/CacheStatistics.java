package io.tributary.enrich;

/**
 * How an enricher's result cache has done so far.
 *
 * @param hits lookups answered from the cache
 * @param misses lookups that had to compute the result
 * @param evictions results dropped to keep the cache within its size
 * @param size results held now (approximate)
 */
public record CacheStatistics(long hits, long misses, long evictions, long size) {

  /** Hits over all lookups, or 0 before the first lookup. */
  public double hitRate() {
    long total = hits + misses;
    return total == 0 ? 0.0 : hits / (double) total;
  }
}
