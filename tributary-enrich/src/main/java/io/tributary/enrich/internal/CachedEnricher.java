package io.tributary.enrich.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.tributary.enrich.CacheStatistics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An enricher whose results are cached by a hash of the text's content (128 bits of SHA-256), in a
 * bounded Caffeine cache. Enrichers whose results depend on more than the text (TF-IDF) are not
 * cached. Thread-safe.
 */
public final class CachedEnricher implements Enricher {

  /** 128 bits of the SHA-256 of the text's UTF-8 bytes. */
  record ContentKey(long high, long low) {}

  private final Enricher delegate;
  private final Cache<ContentKey, Object> cache;

  public CachedEnricher(Enricher delegate, long maxSize) {
    this.delegate = delegate;
    this.cache =
        delegate.cacheable() && maxSize > 0
            ? Caffeine.newBuilder().maximumSize(maxSize).recordStats().build()
            : null;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public boolean cacheable() {
    return delegate.cacheable();
  }

  @Override
  public Object analyse(String text) {
    if (cache == null) {
      return delegate.analyse(text);
    }
    return cache.get(key(text), k -> delegate.analyse(text));
  }

  /** The cache's counters; all zero when results are not cached. */
  public CacheStatistics statistics() {
    if (cache == null) {
      return new CacheStatistics(0, 0, 0, 0);
    }
    CacheStats s = cache.stats();
    return new CacheStatistics(
        s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize());
  }

  static ContentKey key(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long high = 0;
      long low = 0;
      for (int i = 0; i < 8; i++) {
        high = (high << 8) | (d[i] & 0xFF);
        low = (low << 8) | (d[8 + i] & 0xFF);
      }
      return new ContentKey(high, low);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
