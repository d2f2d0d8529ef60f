/**
 * Pattern entities (links, e-mails, crypto addresses, mentions, hashtags, cashtags): {@link
 * io.tributary.enrich.entities.EntityExtractor}.
 */
package io.tributary.enrich.entities;
