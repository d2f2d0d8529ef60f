package io.tributary.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alerts the API lists ({@code GET /api/alerts}) and acknowledges ({@code POST
 * /api/alerts/{id}/ack}). The server does not know the alerting module; the application implements
 * this over it and hands it to {@link ApiServer#attach}.
 *
 * <p>Each alert is a JSON-ready map with at least {@code id}, {@code state} and {@code fired_at};
 * {@code state} is one of {@link #STATES}: {@code firing} (not acknowledged), {@code acknowledged}
 * (still firing, someone took it) or {@code resolved}.
 */
public interface AlertBook {

  /** The states an alert can be in, the values of {@code ?state=}. */
  List<String> STATES = List.of("firing", "acknowledged", "resolved");

  /**
   * Alerts newest first (by the time they fired), with their history and notifications.
   *
   * @param state only alerts in this state, or {@code null} for all
   * @param pipeline only this pipeline's, or {@code null} for all
   */
  List<Map<String, Object>> list(String state, String pipeline);

  /**
   * Acknowledges an alert; acknowledging twice changes nothing.
   *
   * @param by who acknowledged it, shown in notifications
   * @return the alert as it is now, or empty when there is no alert {@code id}
   */
  Optional<Map<String, Object>> ack(String id, String by);

  /** No alerting configured: nothing to list, nothing to acknowledge. */
  AlertBook NONE =
      new AlertBook() {
        @Override
        public List<Map<String, Object>> list(String state, String pipeline) {
          return List.of();
        }

        @Override
        public Optional<Map<String, Object>> ack(String id, String by) {
          return Optional.empty();
        }
      };
}
