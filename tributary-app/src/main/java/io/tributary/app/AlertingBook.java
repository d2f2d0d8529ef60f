package io.tributary.app;

import io.tributary.alerts.Alert;
import io.tributary.alerts.AlertQuery;
import io.tributary.alerts.Alerting;
import io.tributary.alerts.Notice;
import io.tributary.server.AlertBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's view of the alert engine: lists alerts as snake_case JSON maps (the API's naming) and
 * acknowledges them. An alert's {@code state} is {@code resolved} once it cleared, {@code
 * acknowledged} while it fires and someone took it, else {@code firing}.
 */
public final class AlertingBook implements AlertBook {
  /** More than the alert store keeps (firing ones plus the last 500 resolved). */
  private static final int SCAN = 5_000;

  private final Alerting alerting;

  public AlertingBook(Alerting alerting) {
    this.alerting = alerting;
  }

  @Override
  public List<Map<String, Object>> list(String state, String pipeline) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Alert a : alerting.list(new AlertQuery(pipeline, null, 0, SCAN))) {
      if (state == null || state.equals(state(a))) {
        out.add(view(a));
      }
    }
    return out;
  }

  @Override
  public Optional<Map<String, Object>> ack(String id, String by) {
    return alerting.ack(id, by).map(AlertingBook::view);
  }

  /** Where an alert stands, one of {@link AlertBook#STATES}. */
  public static String state(Alert a) {
    if (!a.firing()) {
      return "resolved";
    }
    return a.acknowledged() ? "acknowledged" : "firing";
  }

  /** The JSON shape of an alert in the API (and in {@code tributary alerts list --json}). */
  public static Map<String, Object> view(Alert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("state", state(a));
    m.put("status", a.status().wire());
    m.put("rule", a.rule());
    m.put("rule_type", a.ruleType());
    m.put("severity", a.severity().wire());
    m.put("pipeline", a.pipeline());
    m.put("stream", a.stream());
    m.put("source", a.source());
    m.put("summary", a.summary());
    m.put("value", a.value());
    m.put("threshold", a.threshold());
    m.put("run_id", a.runId());
    m.put("occurrences", a.occurrences());
    m.put("fired_at", str(a.firedAt()));
    m.put("last_seen_at", str(a.lastSeenAt()));
    m.put("resolved_at", str(a.resolvedAt()));
    m.put("acknowledged_at", str(a.acknowledgedAt()));
    m.put("acknowledged_by", a.acknowledgedBy());
    m.put("channels", a.channels());
    List<Map<String, Object>> notices = new ArrayList<>();
    for (Notice n : a.notices()) {
      List<Map<String, Object>> deliveries = new ArrayList<>();
      for (Notice.Delivery d : n.deliveries()) {
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("channel", d.channel());
        dm.put("state", d.state().wire());
        dm.put("attempts", d.attempts());
        dm.put("error", d.error());
        dm.put("updated_at", str(d.updatedAt()));
        deliveries.add(dm);
      }
      Map<String, Object> nm = new LinkedHashMap<>();
      nm.put("key", n.key());
      nm.put("event", n.message().kind().wire());
      nm.put("deliveries", deliveries);
      notices.add(nm);
    }
    m.put("notifications", notices);
    List<Map<String, Object>> history = new ArrayList<>();
    for (Alert.Entry e : a.history()) {
      Map<String, Object> hm = new LinkedHashMap<>();
      hm.put("at", str(e.at()));
      hm.put("what", e.what());
      history.add(hm);
    }
    m.put("history", history);
    return m;
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
