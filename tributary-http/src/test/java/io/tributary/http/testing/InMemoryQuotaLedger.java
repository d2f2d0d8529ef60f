package io.tributary.http.testing;

import io.tributary.spi.store.QuotaLedger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A thread-safe in-memory quota ledger, standing in for the store's persistent one. */
public final class InMemoryQuotaLedger implements QuotaLedger {
  private final Map<String, Long> used = new HashMap<>();

  @Override
  public synchronized boolean tryConsume(
      String bucket, Instant windowStart, long cost, long limit) {
    String k = bucket + "@" + windowStart;
    long now = used.getOrDefault(k, 0L);
    if (now + cost > limit) {
      return false;
    }
    used.put(k, now + cost);
    return true;
  }

  @Override
  public synchronized long used(String bucket, Instant windowStart) {
    return used.getOrDefault(bucket + "@" + windowStart, 0L);
  }

  public synchronized Map<String, Long> snapshot() {
    return Map.copyOf(used);
  }
}
