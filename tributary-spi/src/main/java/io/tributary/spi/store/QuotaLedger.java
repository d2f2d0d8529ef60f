package io.tributary.spi.store;

import java.time.Instant;

/**
 * Persistent counters for API quotas shared by every pipeline and process using one store. A bucket
 * is named by the caller (e.g. {@code alphavantage:<hash of key>:day}); a window is identified by
 * its start.
 */
public interface QuotaLedger {

  /**
   * Atomically adds {@code cost} to the bucket's count for the window starting at {@code
   * windowStart} if the result stays within {@code limit}.
   *
   * @return true if the units were granted, false if the quota for this window is spent
   */
  boolean tryConsume(String bucket, Instant windowStart, long cost, long limit);

  /** How many units the bucket has used in the window. */
  long used(String bucket, Instant windowStart);

  /** A ledger that grants everything (no store, or tests that do not care). */
  static QuotaLedger unlimited() {
    return new QuotaLedger() {
      @Override
      public boolean tryConsume(String bucket, Instant windowStart, long cost, long limit) {
        return true;
      }

      @Override
      public long used(String bucket, Instant windowStart) {
        return 0;
      }
    };
  }
}
