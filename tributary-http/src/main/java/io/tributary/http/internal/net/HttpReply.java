package io.tributary.http.internal.net;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A complete response: status, headers (names lower-cased) and the decompressed body.
 *
 * @param uri the URI that answered (after redirects)
 */
public record HttpReply(int status, Map<String, List<String>> headers, byte[] body, URI uri) {
  public HttpReply {
    TreeMap<String, List<String>> h = new TreeMap<>();
    headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(h);
  }

  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }
}
