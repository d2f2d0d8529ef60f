package io.tributary.engine.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Named places where a test can make the process die at once, as a power cut or {@code kill -9}
 * would, to prove that a crash loses nothing and doubles nothing.
 *
 * <p>Set with the environment variable {@code TRIBUTARY_FAILPOINTS}, e.g. {@code
 * after_batch_commit=3} (halt right after the 3rd batch commit), {@code before_batch_commit=2},
 * {@code during_write=4} (halt while the 4th write transaction is in progress). Unset in normal
 * use, where every check is a map lookup on an empty map.
 */
public final class Failpoints {
  public static final String AFTER_BATCH_COMMIT = "after_batch_commit";
  public static final String BEFORE_BATCH_COMMIT = "before_batch_commit";
  public static final String DURING_WRITE = "during_write";

  private static final Failpoints NONE = new Failpoints(Map.of());

  private final Map<String, Long> armed;
  private final Map<String, AtomicLong> hits = new ConcurrentHashMap<>();

  private Failpoints(Map<String, Long> armed) {
    this.armed = Map.copyOf(armed);
  }

  public static Failpoints none() {
    return NONE;
  }

  /** Parses {@code name=n,name=n}; malformed entries are refused with a clear message. */
  public static Failpoints parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    Map<String, Long> m = new java.util.HashMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.trim().split("=");
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "TRIBUTARY_FAILPOINTS entries must look like name=count but one was '" + part + "'");
      }
      m.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
    }
    return new Failpoints(m);
  }

  /** True when the named point is armed for this, its n-th, hit. */
  public boolean hit(String name) {
    Long at = armed.get(name);
    if (at == null) {
      return false;
    }
    return hits.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet() == at;
  }

  /** Halts the JVM immediately (no shutdown hooks, no flushing) if the point is armed now. */
  public void maybeHalt(String name) {
    if (hit(name)) {
      Runtime.getRuntime().halt(137);
    }
  }

  /**
   * If the point is armed now, halts the JVM from another thread after {@code delayMillis}, while
   * the caller is busy (used to die in the middle of a write transaction).
   */
  public void maybeHaltSoon(String name, long delayMillis) {
    if (hit(name)) {
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try {
                  Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(137);
              });
    }
  }
}
