package io.tributary.alerts.internal.channel;

import io.tributary.alerts.internal.Scrubber;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/** POSTs JSON and turns the outcome into success or a classified {@link DeliveryException}. */
final class HttpPoster {
  private static final int MAX_ERROR_BODY = 200;
  private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private final HttpClient client;
  private final String what;
  private final Scrubber scrubber;

  /**
   * @param what how the channel is named in errors, e.g. {@code slack channel 'team'}
   * @param scrubber knows the channel's secrets, applied to every error text
   */
  HttpPoster(HttpClient client, String what, Scrubber scrubber) {
    this.client = client;
    this.what = what;
    this.scrubber = scrubber;
  }

  /** Sends {@code body}; returns the response body of a 2xx answer. */
  String post(String url, byte[] body, Map<String, String> headers, Duration timeout)
      throws DeliveryException {
    HttpRequest.Builder b;
    try {
      b =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(timeout)
              .header("Content-Type", "application/json; charset=utf-8")
              .header("User-Agent", "Tributary-Alerts/1")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    } catch (IllegalArgumentException e) {
      throw DeliveryException.permanent(what + ": the configured URL is not valid");
    }
    headers.forEach(b::header);
    HttpResponse<String> r;
    try {
      r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw DeliveryException.retriable(what + ": no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      throw DeliveryException.retriable(
          what + ": could not connect (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryException.retriable(what + ": interrupted");
    }
    int status = r.statusCode();
    if (status >= 200 && status < 300) {
      return r.body();
    }
    String detail = scrubber.clip(r.body(), MAX_ERROR_BODY);
    String message =
        what + ": HTTP " + status + (detail == null || detail.isBlank() ? "" : " " + detail);
    if (status == 429 || status == 408 || status >= 500) {
      return throwRetriable(message, r);
    }
    throw DeliveryException.permanent(message);
  }

  private static String throwRetriable(String message, HttpResponse<String> r)
      throws DeliveryException {
    Duration retryAfter =
        r.headers()
            .firstValue("Retry-After")
            .flatMap(
                v -> {
                  try {
                    return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
                  } catch (NumberFormatException e) {
                    return java.util.Optional.empty();
                  }
                })
            .map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d)
            .orElse(null);
    throw new DeliveryException(message, true, retryAfter);
  }
}
