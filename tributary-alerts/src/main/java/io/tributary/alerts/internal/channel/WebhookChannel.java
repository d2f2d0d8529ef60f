package io.tributary.alerts.internal.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.alerts.NoticeKind;
import io.tributary.alerts.Notification;
import io.tributary.alerts.internal.ChannelDef;
import io.tributary.alerts.internal.Scrubber;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs the notification as JSON, signed: {@code X-Tributary-Timestamp} (Unix seconds) and {@code
 * X-Tributary-Signature: sha256=<hex>}, the HMAC-SHA256 of {@code <timestamp>.<body>} keyed with
 * the channel's secret.
 */
final class WebhookChannel implements Channel {
  static final String TIMESTAMP_HEADER = "X-Tributary-Timestamp";
  static final String SIGNATURE_HEADER = "X-Tributary-Signature";

  private final ChannelDef def;
  private final HttpPoster poster;
  private final ObjectMapper json;
  private final Clock clock;

  WebhookChannel(
      ChannelDef def, HttpClient client, Scrubber scrubber, ObjectMapper json, Clock clock) {
    this.def = def;
    this.poster = new HttpPoster(client, "webhook channel '" + def.id() + "'", scrubber);
    this.json = json;
    this.clock = clock;
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
    byte[] body = body(n).getBytes(StandardCharsets.UTF_8);
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    String signature =
        "sha256=" + sign(def.config().secret("secret").orElseThrow().reveal(), timestamp, body);
    poster.post(
        def.config().secret("url").orElseThrow().reveal(),
        body,
        Map.of(
            TIMESTAMP_HEADER,
            timestamp,
            SIGNATURE_HEADER,
            signature,
            "Idempotency-Key",
            n.idempotencyKey(),
            "X-Tributary-Event",
            n.kind().wire()),
        def.timeout());
  }

  String body(Notification n) {
    ObjectNode o = json.createObjectNode();
    o.put("idempotency_key", n.idempotencyKey());
    o.put("alert_id", n.alertId());
    o.put("event", n.kind().wire());
    o.put("status", n.kind() == NoticeKind.RESOLVED ? "resolved" : "firing");
    o.put("severity", n.severity().wire());
    o.put("rule", n.rule());
    o.put("rule_type", n.ruleType());
    o.put("pipeline", n.pipeline());
    o.put("stream", n.stream());
    o.put("source", n.source());
    o.put("value", n.value());
    o.put("threshold", n.threshold());
    o.put("run_id", n.runId());
    o.put("fired_at", str(n.firedAt()));
    o.put("at", str(n.at()));
    o.put("resolved_at", str(n.resolvedAt()));
    o.put("occurrences", n.occurrences());
    o.put("acknowledged_by", n.acknowledgedBy());
    o.put("title", n.title());
    o.put("text", n.text());
    return o.toString();
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  /** The lower-case hex HMAC-SHA256 of {@code timestamp + "." + body}. */
  static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '.');
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }
}
