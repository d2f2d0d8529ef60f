package io.tributary.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alerts held in memory, newest first, in the shape the application's book gives the API. */
final class FakeAlertBook implements AlertBook {
  private final List<Map<String, Object>> alerts = new ArrayList<>();

  /** Adds an alert in front (the newest); {@code state} is firing, acknowledged or resolved. */
  synchronized void add(String id, String pipeline, String state) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("id", id);
    a.put("state", state);
    a.put("status", state.equals("resolved") ? "resolved" : "firing");
    a.put("rule", "consecutive_failures");
    a.put("severity", "error");
    a.put("pipeline", pipeline);
    a.put("fired_at", "2026-01-01T00:00:00Z");
    a.put("acknowledged_by", state.equals("acknowledged") ? "someone" : null);
    a.put("history", List.of(Map.of("at", "2026-01-01T00:00:00Z", "what", "fired")));
    alerts.addFirst(a);
  }

  @Override
  public synchronized List<Map<String, Object>> list(String state, String pipeline) {
    return alerts.stream()
        .filter(a -> state == null || state.equals(a.get("state")))
        .filter(a -> pipeline == null || pipeline.equals(a.get("pipeline")))
        .map(LinkedHashMap::new)
        .map(m -> (Map<String, Object>) m)
        .toList();
  }

  @Override
  public synchronized Optional<Map<String, Object>> ack(String id, String by) {
    for (Map<String, Object> a : alerts) {
      if (a.get("id").equals(id)) {
        if (a.get("state").equals("firing")) {
          a.put("state", "acknowledged");
          a.put("acknowledged_by", by);
        }
        return Optional.of(new LinkedHashMap<>(a));
      }
    }
    return Optional.empty();
  }
}
