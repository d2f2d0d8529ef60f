package io.tributary.spi.store;

/**
 * Record counts of a run or of one stream.
 *
 * @param read records and rejected inputs the connector produced
 * @param written rows inserted or updated
 * @param unchanged records whose stored row was already identical
 * @param duplicates records dropped as duplicates within the run
 * @param quarantined inputs and records sent to the quarantine
 * @param filtered records dropped on purpose by a processor
 */
public record Counts(
    long read, long written, long unchanged, long duplicates, long quarantined, long filtered) {
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

  public Counts plus(Counts o) {
    return new Counts(
        read + o.read,
        written + o.written,
        unchanged + o.unchanged,
        duplicates + o.duplicates,
        quarantined + o.quarantined,
        filtered + o.filtered);
  }
}
