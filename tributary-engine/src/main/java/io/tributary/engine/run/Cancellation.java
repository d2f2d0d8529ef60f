package io.tributary.engine.run;

import java.util.concurrent.atomic.AtomicReference;

/** A cancellation flag shared by everything taking part in one run. Thread-safe. */
public final class Cancellation {
  private final AtomicReference<String> reason = new AtomicReference<>();

  /** Requests cancellation; the first reason wins. */
  public void cancel(String why) {
    reason.compareAndSet(null, why);
  }

  public boolean isCancelled() {
    return reason.get() != null;
  }

  public String reason() {
    return reason.get();
  }
}
