package io.tributary.spi;

import io.tributary.spi.store.CircuitLedger;
import io.tributary.spi.store.QuotaLedger;
import io.tributary.spi.store.StoreReader;
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
 * @param reader read-only SQL over the store's data, for connectors that derive a stream from other
 *     pipelines' tables; {@link StoreReader#NONE} when there is no store
 */
public record ConnectorContext(
    Path baseDir,
    Clock clock,
    Optional<Window> window,
    QuotaLedger quotas,
    Map<String, String> options,
    StoreReader reader,
    CircuitLedger circuits) {

  public ConnectorContext {
    window = window == null ? Optional.empty() : window;
    quotas = quotas == null ? QuotaLedger.unlimited() : quotas;
    options = options == null ? Map.of() : Map.copyOf(options);
    reader = reader == null ? StoreReader.NONE : reader;
    circuits = circuits == null ? CircuitLedger.NONE : circuits;
  }

  /** A context whose breakers live in this process only. */
  public ConnectorContext(
      Path baseDir,
      Clock clock,
      Optional<Window> window,
      QuotaLedger quotas,
      Map<String, String> options,
      StoreReader reader) {
    this(baseDir, clock, window, quotas, options, reader, CircuitLedger.NONE);
  }

  /** A context without store access (SQL sources refuse to read). */
  public ConnectorContext(
      Path baseDir,
      Clock clock,
      Optional<Window> window,
      QuotaLedger quotas,
      Map<String, String> options) {
    this(baseDir, clock, window, quotas, options, StoreReader.NONE, CircuitLedger.NONE);
  }

  public static ConnectorContext of(Path baseDir, Clock clock) {
    return new ConnectorContext(
        baseDir,
        clock,
        Optional.empty(),
        QuotaLedger.unlimited(),
        Map.of(),
        StoreReader.NONE,
        CircuitLedger.NONE);
  }

  public ConnectorContext withWindow(Window w) {
    return new ConnectorContext(
        baseDir, clock, Optional.ofNullable(w), quotas, options, reader, circuits);
  }

  public ConnectorContext withQuotas(QuotaLedger q) {
    return new ConnectorContext(baseDir, clock, window, q, options, reader, circuits);
  }

  public ConnectorContext withOptions(Map<String, String> o) {
    return new ConnectorContext(baseDir, clock, window, quotas, o, reader, circuits);
  }

  public ConnectorContext withReader(StoreReader r) {
    return new ConnectorContext(baseDir, clock, window, quotas, options, r, circuits);
  }

  public ConnectorContext withCircuits(CircuitLedger c) {
    return new ConnectorContext(baseDir, clock, window, quotas, options, reader, c);
  }

  /** A half-open time window [from, to); either end may be {@code null} for unbounded. */
  public record Window(Instant from, Instant to) {}
}
