/**
 * Offline enrichment of text: sentiment (VADER), language, pattern entities and keywords.
 *
 * <p>Pipelines use the processors {@code sentiment}, {@code language}, {@code entities} and {@code
 * keywords} (see {@link io.tributary.enrich.processor}); ad-hoc callers use {@link
 * io.tributary.enrich.Enrichers}; {@link io.tributary.enrich.eval.Evaluator} scores an enricher
 * against a labelled file. Everything runs on the CPU from data inside the jar; nothing is fetched.
 */
package io.tributary.enrich;
