package io.tributary.http.internal.net;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the engine builds it.
 *
 * @param method GET or POST
 * @param uri the full URI including the query
 * @param headers header name to value, in order
 * @param body the request body, or {@code null}
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body) {
  public HttpCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public HttpCall withUri(URI newUri) {
    return new HttpCall(method, newUri, headers, body);
  }

  public HttpCall withHeaders(Map<String, String> newHeaders) {
    return new HttpCall(method, uri, newHeaders, body);
  }

  /** A copy with one header removed (case-insensitive). */
  public HttpCall withoutHeaders(List<String> names) {
    Map<String, String> h = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> {
          if (names.stream().noneMatch(n -> n.equalsIgnoreCase(k))) {
            h.put(k, v);
          }
        });
    return new HttpCall(method, uri, h, body);
  }
}
