/**
 * The enrich processors for pipelines, found with {@link java.util.ServiceLoader}: {@code
 * sentiment}, {@code language}, {@code entities}, {@code keywords}. Each writes its result to the
 * {@code target} field (default: its name) and caches results by the text's content hash.
 */
package io.tributary.enrich.processor;
