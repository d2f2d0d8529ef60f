/**
 * Transports: the real {@code java.net.http} client with deadlines, size caps, safe redirects and
 * the SSRF guard, and the recorder/replayer of cassettes.
 */
package io.tributary.http.internal.net;
