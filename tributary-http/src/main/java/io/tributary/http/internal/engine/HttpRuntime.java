package io.tributary.http.internal.engine;

import io.tributary.http.internal.net.Sleeper;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Time, waiting and randomness for the engine, injected so tests are deterministic: a fake clock, a
 * sleeper that advances it, a seeded random.
 *
 * @param random used for backoff jitter; the engine synchronizes on it
 */
public record HttpRuntime(Clock clock, Sleeper sleeper, RandomGenerator random) {

  /** The real thing: the given clock, real sleeping, a fresh random. */
  public static HttpRuntime system(Clock clock) {
    return new HttpRuntime(clock, Sleeper.system(), new java.util.SplittableRandom());
  }
}
