package io.tributary.alerts.internal.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.alerts.internal.ChannelDef;
import io.tributary.alerts.internal.Json;
import io.tributary.alerts.internal.Scrubber;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds channels from their definitions and owns the HTTP client they share. Thread-safe; close it
 * after the last delivery.
 */
public final class Channels implements AutoCloseable {
  private final HttpClient http;
  private final ObjectMapper json = Json.mapper();
  private final Clock clock;

  public Channels(Clock clock) {
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A channel for {@code def}; {@code scrubber} knows its secrets (and the others'). */
  public Channel create(ChannelDef def, Scrubber scrubber) {
    Scrubber s = scrubber.with(def.secretValues());
    return switch (def.type()) {
      case SLACK -> new SlackChannel(def, http, s, json);
      case WEBHOOK -> new WebhookChannel(def, http, s, json, clock);
      case EMAIL -> new EmailChannel(def, s);
      case PAGERDUTY -> new PagerDutyChannel(def, http, s, json);
    };
  }

  @Override
  public void close() {
    http.shutdownNow();
    http.close();
  }
}
