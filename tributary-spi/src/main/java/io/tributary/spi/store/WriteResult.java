package io.tributary.spi.store;

/**
 * What one {@link Store#write} did.
 *
 * @param inserted rows with a new key
 * @param updated rows whose key existed with different content
 * @param unchanged records whose key existed with identical content (nothing written)
 * @param quarantined records the store itself refused (e.g. a value that does not fit its column)
 */
public record WriteResult(long inserted, long updated, long unchanged, long quarantined) {
  public long written() {
    return inserted + updated;
  }
}
