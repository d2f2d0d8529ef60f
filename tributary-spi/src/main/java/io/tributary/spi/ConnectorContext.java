package io.tributary.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What the engine gives a connector when it creates it.
 *
 * @param baseDir the directory relative paths in the configuration resolve against (the pipeline
 *     file's directory)
 * @param clock the clock to use instead of the system clock
 * @param window an optional backfill window: read records whose cursor lies in [from, to) without
 *     relying on or moving the stored state
 */
public record ConnectorContext(Path baseDir, Clock clock, Optional<Window> window) {

  public ConnectorContext {
    window = window == null ? Optional.empty() : window;
  }

  public static ConnectorContext of(Path baseDir, Clock clock) {
    return new ConnectorContext(baseDir, clock, Optional.empty());
  }

  /** A half-open time window [from, to); either end may be {@code null} for unbounded. */
  public record Window(Instant from, Instant to) {}
}
