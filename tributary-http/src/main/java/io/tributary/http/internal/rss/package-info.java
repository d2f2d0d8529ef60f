/**
 * The {@code rss} connector: items of RSS 0.9x, 1.0 and 2.0 and Atom feeds, parsed with ROME with
 * DOCTYPE declarations (and so every entity) refused, fetched through the engine's HTTP stack with
 * conditional GET, one incremental cursor per feed.
 */
package io.tributary.http.internal.rss;
