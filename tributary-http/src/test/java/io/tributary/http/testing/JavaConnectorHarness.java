package io.tributary.http.testing;

import io.tributary.http.internal.engine.HttpRuntime;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.store.QuotaLedger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Runs a Java connector of this module (rss, scrape) the way the engine will: one provider with a
 * fake clock and sleeper, one connector per run, a collecting emitter.
 */
public final class JavaConnectorHarness {
  public final FakeClock clock = new FakeClock(Instant.parse("2025-03-01T00:00:00Z"));
  public final FakeSleeper sleeper = new FakeSleeper(clock);
  public final ConnectorProvider provider;
  private Map<String, String> options = Map.of();
  private ConnectorContext.Window window;
  private Path baseDir = Path.of(".");

  public JavaConnectorHarness(
      Function<Function<ConnectorContext, HttpRuntime>, ConnectorProvider> factory) {
    this.provider = factory.apply(ctx -> new HttpRuntime(clock, sleeper, new SplittableRandom(7)));
  }

  public JavaConnectorHarness options(Map<String, String> o) {
    this.options = o;
    return this;
  }

  public JavaConnectorHarness window(ConnectorContext.Window w) {
    this.window = w;
    return this;
  }

  public JavaConnectorHarness baseDir(Path dir) {
    this.baseDir = dir;
    return this;
  }

  public ConnectorContext context() {
    return new ConnectorContext(
        baseDir, clock, Optional.ofNullable(window), QuotaLedger.unlimited(), options);
  }

  public Config config(Map<String, Object> values) {
    return Config.of(provider.spec(), values);
  }

  /** Reads the connector's only stream; errors are returned, not thrown. */
  public Harness.Result read(Map<String, Object> config, Map<String, Object> state) {
    CollectingEmitter emitter = new CollectingEmitter();
    try (Connector connector = provider.create(context())) {
      Config c = config(config);
      StreamSpec spec = connector.discover(c).get(0);
      connector.read(spec, c, state, emitter);
      return new Harness.Result(emitter, null);
    } catch (RuntimeException e) {
      return new Harness.Result(emitter, e);
    }
  }
}
