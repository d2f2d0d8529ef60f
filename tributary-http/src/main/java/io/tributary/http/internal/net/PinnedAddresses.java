package io.tributary.http.internal.net;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers the SSRF guard checked, per host name, for a short while: the JVM's name resolution
 * ({@link PinningResolverProvider}) hands exactly these addresses to the HTTP client, so the
 * address a connection is made to is one the guard approved, even when the name's DNS answer
 * changes between the check and the connect (DNS rebinding) or the JVM's own cache is turned off.
 * Process-wide and thread-safe.
 */
public final class PinnedAddresses {
  /** How long a checked answer is reused; long enough to cover the check-then-connect gap. */
  static final long TTL_NANOS = 60_000_000_000L;

  /** More than this many pinned names: expired pins are swept before adding another. */
  private static final int SWEEP_ABOVE = 10_000;

  private record Pin(InetAddress[] addresses, long expiresAt) {}

  private static final Map<String, Pin> PINS = new ConcurrentHashMap<>();

  private PinnedAddresses() {}

  static void pin(String host, InetAddress[] addresses) {
    long now = System.nanoTime();
    if (PINS.size() > SWEEP_ABOVE) {
      PINS.values().removeIf(p -> p.expiresAt() - now < 0);
    }
    PINS.put(key(host), new Pin(addresses.clone(), now + TTL_NANOS));
  }

  /** The checked addresses of {@code host}, if it was checked less than a minute ago. */
  public static Optional<InetAddress[]> lookup(String host) {
    Pin p = PINS.get(key(host));
    if (p == null || p.expiresAt() - System.nanoTime() < 0) {
      return Optional.empty();
    }
    return Optional.of(p.addresses().clone());
  }

  private static String key(String host) {
    return host.toLowerCase(Locale.ROOT);
  }
}
