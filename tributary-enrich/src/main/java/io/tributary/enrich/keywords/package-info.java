/**
 * Keywords: {@link io.tributary.enrich.keywords.RakeKeywords} per text and {@link
 * io.tributary.enrich.keywords.TfIdfKeywords} against a stream's corpus.
 */
package io.tributary.enrich.keywords;
