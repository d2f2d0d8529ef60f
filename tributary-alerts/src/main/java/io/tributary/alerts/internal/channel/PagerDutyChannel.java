package io.tributary.alerts.internal.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.alerts.NoticeKind;
import io.tributary.alerts.Notification;
import io.tributary.alerts.internal.ChannelDef;
import io.tributary.alerts.internal.Scrubber;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * PagerDuty Events API v2: {@code trigger} when an alert fires, {@code acknowledge} and {@code
 * resolve} later, all with {@code dedup_key} = the alert's id so that PagerDuty keeps one incident.
 * Reminders are not sent: PagerDuty escalates on its own.
 */
final class PagerDutyChannel implements Channel {
  private static final int MAX_SUMMARY = 1024;
  private final ChannelDef def;
  private final HttpPoster poster;
  private final ObjectMapper json;

  PagerDutyChannel(ChannelDef def, HttpClient client, Scrubber scrubber, ObjectMapper json) {
    this.def = def;
    this.poster = new HttpPoster(client, "pagerduty channel '" + def.id() + "'", scrubber);
    this.json = json;
  }

  @Override
  public ChannelDef def() {
    return def;
  }

  @Override
  public boolean accepts(NoticeKind kind) {
    return kind != NoticeKind.REMINDER;
  }

  @Override
  public void send(Notification n) throws DeliveryException {
    poster.post(
        def.config().string("url"),
        body(n).getBytes(StandardCharsets.UTF_8),
        Map.of(),
        def.timeout());
  }

  String body(Notification n) {
    ObjectNode o = json.createObjectNode();
    o.put("routing_key", def.config().secret("routing_key").orElseThrow().reveal());
    o.put(
        "event_action",
        switch (n.kind()) {
          case FIRED, REMINDER -> "trigger";
          case ACKNOWLEDGED -> "acknowledge";
          case RESOLVED -> "resolve";
        });
    o.put("dedup_key", n.alertId());
    if (n.kind() == NoticeKind.FIRED || n.kind() == NoticeKind.REMINDER) {
      ObjectNode p = o.putObject("payload");
      String summary = n.title();
      p.put(
          "summary", summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY));
      p.put("source", "tributary" + (n.pipeline() == null ? "" : "/" + n.pipeline()));
      p.put("severity", n.severity().wire());
      p.put("timestamp", n.firedAt().toString());
      if (n.pipeline() != null) {
        p.put("component", n.pipeline());
      }
      if (n.stream() != null) {
        p.put("group", n.stream());
      }
      p.put("class", n.ruleType());
      ObjectNode d = p.putObject("custom_details");
      d.put("rule", n.rule());
      d.put("value", n.value());
      d.put("threshold", n.threshold());
      d.put("run_id", n.runId());
      d.put("source", n.source());
      d.put("idempotency_key", n.idempotencyKey());
      o.put("client", "Tributary");
    }
    return o.toString();
  }
}
