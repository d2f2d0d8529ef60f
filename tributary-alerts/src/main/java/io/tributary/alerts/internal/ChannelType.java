package io.tributary.alerts.internal;

import io.tributary.spi.config.ConfigField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The kinds of notification channel, each with its own declared settings. */
public enum ChannelType {
  SLACK(
      "A Slack incoming webhook: a message with a header and the alert's fields.",
      List.of(
          ConfigField.string("url")
              .asRequired()
              .asSecret()
              .describe("The incoming webhook URL (it is a credential: use `${VAR}`).")),
      List.of("url")),
  WEBHOOK(
      "A generic webhook: a JSON body POSTed with `X-Tributary-Timestamp` and"
          + " `X-Tributary-Signature: sha256=<hex>`, the HMAC-SHA256 of `<timestamp>.<body>`"
          + " keyed with `secret`, and an `Idempotency-Key` header.",
      List.of(
          ConfigField.string("url")
              .asRequired()
              .asSecret()
              .describe("Where to POST (may carry a token: use `${VAR}`)."),
          ConfigField.string("secret")
              .asRequired()
              .asSecret()
              .describe("The HMAC-SHA256 key the receiver verifies the signature with.")),
      List.of("url")),
  EMAIL(
      "E-mail over SMTP with STARTTLS, implicit TLS or (for local relays) none, and optional"
          + " authentication.",
      List.of(
          ConfigField.string("host").asRequired().describe("The SMTP server."),
          ConfigField.integer("port")
              .atLeast(1)
              .defaultsTo(587L)
              .describe("The SMTP port (587 for STARTTLS, 465 for TLS)."),
          ConfigField.string("tls")
              .oneOf("starttls", "tls", "none")
              .defaultsTo("starttls")
              .describe("`starttls` (required upgrade), `tls` (implicit) or `none`."),
          ConfigField.string("username").describe("The SMTP login, when the server wants one."),
          ConfigField.string("password").asSecret().describe("The SMTP password."),
          ConfigField.string("from").asRequired().describe("The sender address."),
          ConfigField.stringList("to").asRequired().describe("One or more recipient addresses."),
          ConfigField.string("ssl_trust")
              .describe(
                  "Hosts whose certificate is trusted without verification (space-separated);"
                      + " only for relays with a self-signed certificate.")),
      List.of()),
  PAGERDUTY(
      "PagerDuty Events API v2: `trigger` when an alert fires, `acknowledge` when it is"
          + " acknowledged and `resolve` when it resolves, with `dedup_key` = the alert's id.",
      List.of(
          ConfigField.string("routing_key")
              .asRequired()
              .asSecret()
              .describe("The integration's routing key."),
          ConfigField.string("url")
              .defaultsTo("https://events.pagerduty.com/v2/enqueue")
              .describe("The Events API endpoint.")),
      List.of("url"));

  private final String description;
  private final List<ConfigField> fields;
  private final List<String> urlFields;

  ChannelType(String description, List<ConfigField> fields, List<String> urlFields) {
    this.description = description;
    this.fields = fields;
    this.urlFields = urlFields;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ChannelType> fromWire(String s) {
    return Arrays.stream(values()).filter(t -> t.wire().equals(s)).findFirst();
  }

  public static List<String> wires() {
    return Arrays.stream(values()).map(ChannelType::wire).toList();
  }

  public String description() {
    return description;
  }

  public List<ConfigField> fields() {
    return fields;
  }

  /** Fields whose value must be an http(s) URL. */
  public List<String> urlFields() {
    return urlFields;
  }

  /** Every field a channel of this type accepts: the common ones, then its own. */
  public List<ConfigField> allFields() {
    List<ConfigField> all = new ArrayList<>(Specs.commonChannelFields());
    all.addAll(fields);
    return all;
  }
}
