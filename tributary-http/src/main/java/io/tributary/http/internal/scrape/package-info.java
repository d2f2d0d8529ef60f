/**
 * The {@code scrape} connector: items selected by CSS selectors (jsoup) from HTML pages on a fixed
 * allowlist of hosts, with robots.txt honoured and a polite delay between requests to one host,
 * fetched through the engine's HTTP stack.
 */
package io.tributary.http.internal.scrape;
