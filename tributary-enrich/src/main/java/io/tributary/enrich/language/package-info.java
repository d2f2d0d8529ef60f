/**
 * Language identification with OpenNLP's language-detector model, restricted to configured
 * languages: {@link io.tributary.enrich.language.LanguageIdentifier}.
 */
package io.tributary.enrich.language;
