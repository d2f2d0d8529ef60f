package io.tributary.spi.store;

/**
 * A stored quarantine entry with the id the store gave it; ids are unique within a store and are
 * what {@link Store#deleteQuarantine} and {@link WriteBatch#resolved} refer to.
 *
 * @param id the store's id of the entry
 * @param entry the entry
 */
public record QuarantinedRecord(long id, QuarantineEntry entry) {}
