package io.tributary.alerts.internal;

import io.tributary.alerts.AlertingStats;
import java.util.concurrent.atomic.AtomicLong;

/** The module's running counts, read by {@link io.tributary.alerts.Alerting#stats()}. */
public final class Counters {
  final AtomicLong eventsReceived = new AtomicLong();
  final AtomicLong eventsDropped = new AtomicLong();
  final AtomicLong notices = new AtomicLong();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong retried = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong deduplicated = new AtomicLong();

  public void eventReceived() {
    eventsReceived.incrementAndGet();
  }

  public void eventDropped() {
    eventsDropped.incrementAndGet();
  }

  public AlertingStats snapshot(int queuedEvents, int queuedDeliveries) {
    return new AlertingStats(
        eventsReceived.get(),
        eventsDropped.get(),
        queuedEvents,
        notices.get(),
        queuedDeliveries,
        delivered.get(),
        retried.get(),
        failed.get(),
        dropped.get(),
        deduplicated.get());
  }
}
