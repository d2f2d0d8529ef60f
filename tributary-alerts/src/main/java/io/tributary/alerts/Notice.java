package io.tributary.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One notification about an alert and how its delivery to each channel went.
 *
 * @param message what the channels receive
 * @param deliveries one entry per channel
 */
public record Notice(Notification message, List<Delivery> deliveries) {

  public Notice {
    deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
  }

  /** The notification's idempotency key. */
  public String key() {
    return message.idempotencyKey();
  }

  /**
   * The delivery of a notice to one channel.
   *
   * @param channel the channel's name
   * @param state where it stands
   * @param attempts how many sends were tried
   * @param error the last error (safe to show: no URL, no secret), or {@code null}
   * @param updatedAt when the state last changed
   */
  public record Delivery(
      String channel, DeliveryState state, int attempts, String error, Instant updatedAt) {}

  /** A copy with {@code channel}'s delivery changed by {@code change}. */
  public Notice withDelivery(String channel, UnaryOperator<Delivery> change) {
    List<Delivery> out = new ArrayList<>(deliveries.size());
    for (Delivery d : deliveries) {
      out.add(d.channel().equals(channel) ? change.apply(d) : d);
    }
    return new Notice(message, out);
  }
}
