package io.tributary.alerts.internal.channel;

import io.tributary.alerts.NoticeKind;
import io.tributary.alerts.Notification;
import io.tributary.alerts.internal.ChannelDef;

/**
 * Sends notifications to one destination. Implementations are thread-safe; {@link #send} blocks for
 * at most the channel's timeout and is called from delivery threads only, never from the thread
 * that reports runs or events.
 */
public interface Channel {
  ChannelDef def();

  /** Whether this channel wants notifications of {@code kind}. */
  boolean accepts(NoticeKind kind);

  /**
   * Sends {@code n}.
   *
   * @throws DeliveryException when it was not accepted; its message names no URL and no secret
   */
  void send(Notification n) throws DeliveryException;
}
