/**
 * VADER sentiment over its human-rated lexicon: {@link
 * io.tributary.enrich.sentiment.VaderSentiment}.
 */
package io.tributary.enrich.sentiment;
