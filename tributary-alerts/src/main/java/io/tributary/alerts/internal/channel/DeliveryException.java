package io.tributary.alerts.internal.channel;

import java.time.Duration;

/**
 * A delivery attempt failed. The message is safe to log and store: it never holds a URL, a
 * credential or a whole response.
 */
public final class DeliveryException extends Exception {
  private final boolean retriable;
  private final transient Duration retryAfter;

  public DeliveryException(String message, boolean retriable, Duration retryAfter) {
    super(message, null, false, false);
    this.retriable = retriable;
    this.retryAfter = retryAfter;
  }

  public static DeliveryException retriable(String message) {
    return new DeliveryException(message, true, null);
  }

  public static DeliveryException permanent(String message) {
    return new DeliveryException(message, false, null);
  }

  /** Whether trying again later may succeed. */
  public boolean retriable() {
    return retriable;
  }

  /** The wait the receiver asked for, or {@code null}. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
