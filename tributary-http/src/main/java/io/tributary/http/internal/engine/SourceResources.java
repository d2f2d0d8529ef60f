package io.tributary.http.internal.engine;

import io.tributary.http.internal.manifest.Manifest;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * What every run of one source shares inside this process: its circuit breaker, its rate gate, its
 * token buckets (one for the source, one per credential) and its bulkhead. Owned by the source's
 * provider; thread-safe.
 */
public final class SourceResources {
  private final Manifest manifest;
  private final Clock clock;
  private final CircuitBreaker breaker;
  private final RateGate gate;
  private final Semaphore bulkhead;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public SourceResources(Manifest manifest, Clock clock) {
    this(manifest.name(), manifest, clock);
  }

  /**
   * Resources named after something finer than the manifest, e.g. one host a Java connector reaches
   * ({@code scrape:example.com}), with the manifest's breaker and concurrency policy.
   */
  public SourceResources(String name, Manifest manifest, Clock clock) {
    this.manifest = manifest;
    this.clock = clock;
    this.breaker =
        new CircuitBreaker(
            name, manifest.breaker().failureThreshold(), manifest.breaker().openFor(), clock);
    this.gate = new RateGate(name, clock);
    this.bulkhead = new Semaphore(manifest.limits().maxConcurrency(), true);
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  public RateGate gate() {
    return gate;
  }

  public Semaphore bulkhead() {
    return bulkhead;
  }

  /** The bucket for a scope ({@code source} or a credential hash) at a given rate. */
  public TokenBucket bucket(String scope, double ratePerSecond, long burst) {
    return buckets.computeIfAbsent(
        scope + "@" + ratePerSecond + "/" + burst,
        k -> new TokenBucket(ratePerSecond, burst, clock));
  }

  public Manifest manifest() {
    return manifest;
  }
}
