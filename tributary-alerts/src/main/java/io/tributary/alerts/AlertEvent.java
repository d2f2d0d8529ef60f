package io.tributary.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something another part of Tributary observed and publishes to the alerting module through {@link
 * Alerting#onEvent}. Two types have built-in rules; any other type can be matched by an {@code
 * event} rule.
 *
 * <ul>
 *   <li>{@value #HTTP_REQUEST}: one request of a source's HTTP client, attributes {@code
 *       duration_ms} (number), {@code status} (HTTP status, 0 when there was no response) and
 *       {@code error} (true when the request failed); read by {@code error_rate} and {@code
 *       response_time} rules;
 *   <li>{@value #ANOMALY}: an analytics anomaly, attributes {@code metric} (name), {@code value},
 *       {@code expected} and {@code score} (numbers); read by {@code anomaly} rules.
 * </ul>
 *
 * <p>Attributes are never copied into alerts as a whole: rules read the named ones, numbers are
 * formatted and strings shortened and scrubbed. Do not put records or secrets into them anyway.
 *
 * @param type what happened, {@code [a-z][a-z0-9_.-]*}
 * @param pipeline the pipeline it concerns, or {@code null} (then only global rules see it)
 * @param source the source (connector or host) it concerns, or {@code null}
 * @param stream the stream it concerns, or {@code null}
 * @param at when it happened, or {@code null} for "now" by the alerting clock
 * @param attributes named values; see above
 */
public record AlertEvent(
    String type,
    String pipeline,
    String source,
    String stream,
    Instant at,
    Map<String, Object> attributes) {

  /** One HTTP request of a source. */
  public static final String HTTP_REQUEST = "http_request";

  /** An analytics anomaly. */
  public static final String ANOMALY = "anomaly";

  public AlertEvent {
    Objects.requireNonNull(type, "type");
    attributes = attributes == null ? Map.of() : Map.copyOf(withoutNulls(attributes));
  }

  /** An {@value #HTTP_REQUEST} event. */
  public static AlertEvent httpRequest(
      String pipeline, String source, Instant at, Duration took, int status, boolean error) {
    return new AlertEvent(
        HTTP_REQUEST,
        pipeline,
        source,
        null,
        at,
        Map.of("duration_ms", took.toMillis(), "status", status, "error", error));
  }

  /** An {@value #ANOMALY} event. */
  public static AlertEvent anomaly(
      String pipeline,
      String stream,
      Instant at,
      String metric,
      double value,
      double expected,
      double score) {
    return new AlertEvent(
        ANOMALY,
        pipeline,
        null,
        stream,
        at,
        Map.of("metric", metric, "value", value, "expected", expected, "score", score));
  }

  /** A number attribute, or {@code fallback} when absent or not a number. */
  public double number(String name, double fallback) {
    return attributes.get(name) instanceof Number n ? n.doubleValue() : fallback;
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            out.put(k, v);
          }
        });
    return out;
  }
}
