/**
 * The {@code dedup} processor ({@link io.tributary.processors.dedup.DedupProcessorProvider}): drops
 * repeats within a run using a concurrent set of 64-bit fingerprints. Everything but the provider
 * is package-private.
 */
package io.tributary.processors.dedup;
