package io.tributary.alerts.internal.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.alerts.NoticeKind;
import io.tributary.alerts.Notification;
import io.tributary.alerts.internal.ChannelDef;
import io.tributary.alerts.internal.Scrubber;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Posts to a Slack incoming webhook: {@code text} for notifications plus Block Kit blocks. */
final class SlackChannel implements Channel {
  private static final int MAX_HEADER = 150;
  private final ChannelDef def;
  private final HttpPoster poster;
  private final ObjectMapper json;

  SlackChannel(ChannelDef def, HttpClient client, Scrubber scrubber, ObjectMapper json) {
    this.def = def;
    this.poster = new HttpPoster(client, "slack channel '" + def.id() + "'", scrubber);
    this.json = json;
  }

  @Override
  public ChannelDef def() {
    return def;
  }

  @Override
  public boolean accepts(NoticeKind kind) {
    return true;
  }

  @Override
  public void send(Notification n) throws DeliveryException {
    poster.post(
        def.config().secret("url").orElseThrow().reveal(),
        body(n).getBytes(StandardCharsets.UTF_8),
        Map.of(),
        def.timeout());
  }

  String body(Notification n) {
    ObjectNode root = json.createObjectNode();
    root.put("text", n.title());
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", clip(n.title(), MAX_HEADER));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Pipeline", n.pipeline());
    fields.put("Stream", n.stream());
    fields.put("Source", n.source());
    fields.put("Rule", n.rule() + " (" + n.ruleType() + ")");
    fields.put("Value", n.value());
    fields.put("Threshold", n.threshold());
    fields.put("Severity", n.severity().wire());
    fields.put("Run", n.runId());
    fields.put("Occurrences", n.occurrences() > 1 ? String.valueOf(n.occurrences()) : null);
    fields.put("Acknowledged by", n.acknowledgedBy());
    ArrayNode f = blocks.addObject().put("type", "section").putArray("fields");
    fields.forEach(
        (label, value) -> {
          if (value != null && f.size() < 10) {
            f.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + escape(value));
          }
        });
    StringBuilder ctx = new StringBuilder("alert ").append(n.alertId());
    ctx.append(" · fired ").append(n.firedAt());
    if (n.resolvedAt() != null) {
      ctx.append(" · resolved ").append(n.resolvedAt());
    }
    blocks
        .addObject()
        .put("type", "context")
        .putArray("elements")
        .addObject()
        .put("type", "mrkdwn")
        .put("text", escape(ctx.toString()));
    return root.toString();
  }

  /** Slack's mrkdwn wants these three escaped. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
