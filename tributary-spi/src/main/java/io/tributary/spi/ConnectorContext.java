package io.tributary.spi;

import io.tributary.spi.store.QuotaLedger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine gives a connector when it creates it.
 *
 * @param baseDir the directory relative paths in the configuration resolve against (the pipeline
 *     file's directory, or the project directory for CLI commands)
 * @param clock the clock to use instead of the system clock
 * @param window an optional backfill window: read records whose cursor lies in [from, to) without
 *     relying on or moving the stored state
 * @param quotas shared, persistent quota counters (e.g. a free API key's calls per day across all
 *     pipelines); {@link QuotaLedger#unlimited()} when there is no store
 * @param options run options a connector may honour; known keys: {@code record_dir} (save every
 *     HTTP exchange there), {@code replay_dir} (serve the run from saved exchanges, no network)
 */
public record ConnectorContext(
    Path baseDir,
    Clock clock,
    Optional<Window> window,
    QuotaLedger quotas,
    Map<String, String> options) {

  public ConnectorContext {
    window = window == null ? Optional.empty() : window;
    quotas = quotas == null ? QuotaLedger.unlimited() : quotas;
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  public static ConnectorContext of(Path baseDir, Clock clock) {
    return new ConnectorContext(
        baseDir, clock, Optional.empty(), QuotaLedger.unlimited(), Map.of());
  }

  public ConnectorContext withWindow(Window w) {
    return new ConnectorContext(baseDir, clock, Optional.ofNullable(w), quotas, options);
  }

  public ConnectorContext withQuotas(QuotaLedger q) {
    return new ConnectorContext(baseDir, clock, window, q, options);
  }

  public ConnectorContext withOptions(Map<String, String> o) {
    return new ConnectorContext(baseDir, clock, window, quotas, o);
  }

  /** A half-open time window [from, to); either end may be {@code null} for unbounded. */
  public record Window(Instant from, Instant to) {}
}
