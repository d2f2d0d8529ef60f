package io.tributary.http.testing;

import io.tributary.http.ManifestCatalog;
import io.tributary.http.internal.engine.HttpRuntime;
import io.tributary.http.internal.engine.ManifestConnectorProvider;
import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.internal.manifest.ManifestLoader;
import io.tributary.spi.Checkpoint;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.store.QuotaLedger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs a manifest connector the way the engine will: a provider with a fake clock and sleeper, one
 * connector per run, a collecting emitter.
 */
public final class Harness {
  public final FakeClock clock = new FakeClock(Instant.parse("2025-03-01T00:00:00Z"));
  public final FakeSleeper sleeper = new FakeSleeper(clock);
  public final ManifestConnectorProvider provider;
  private QuotaLedger quotas = QuotaLedger.unlimited();
  private Map<String, String> options = Map.of();
  private ConnectorContext.Window window;
  private Path baseDir = Path.of(".");

  public Harness(Manifest manifest) {
    this.provider =
        new ManifestConnectorProvider(
            manifest, ctx -> new HttpRuntime(clock, sleeper, new SplittableRandom(42)));
  }

  public static Harness of(String yaml) {
    return new Harness(ManifestLoader.load("test.yaml", yaml));
  }

  public static Harness builtIn(String name) {
    return new Harness(
        new ManifestCatalog()
            .builtIns().stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no built-in manifest " + name)));
  }

  public Harness quotas(QuotaLedger q) {
    this.quotas = q;
    return this;
  }

  public Harness options(Map<String, String> o) {
    this.options = o;
    return this;
  }

  public Harness window(ConnectorContext.Window w) {
    this.window = w;
    return this;
  }

  public Harness baseDir(Path dir) {
    this.baseDir = dir;
    return this;
  }

  public ConnectorContext context() {
    return new ConnectorContext(baseDir, clock, Optional.ofNullable(window), quotas, options);
  }

  public Config config(Map<String, Object> values) {
    return Config.of(provider.spec(), values);
  }

  /** Config pointing at a local server, with loopback allowed. */
  public static Map<String, Object> local(String baseUrl, Object... more) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("base_url", baseUrl);
    m.put("allow_private_addresses", List.of("127.0.0.1"));
    for (int i = 0; i < more.length; i += 2) {
      m.put((String) more[i], more[i + 1]);
    }
    return m;
  }

  /** What one read produced, and the error it ended with (or null). */
  public record Result(CollectingEmitter emitter, RuntimeException error) {
    public List<io.tributary.spi.Record> records() {
      return emitter.records();
    }

    public List<Checkpoint> checkpoints() {
      return emitter.checkpoints();
    }

    /** The last checkpoint's state, or an empty map. */
    public Map<String, Object> state() {
      List<Checkpoint> c = emitter.checkpoints();
      return c.isEmpty() ? Map.of() : c.get(c.size() - 1).state();
    }

    public Result orThrow() {
      if (error != null) {
        throw error;
      }
      return this;
    }
  }

  public Result read(String stream, Map<String, Object> config, Map<String, Object> state) {
    return read(stream, config, state, new CollectingEmitter());
  }

  public Result read(
      String stream,
      Map<String, Object> config,
      Map<String, Object> state,
      CollectingEmitter emitter) {
    Config c = config(config);
    try (Connector connector = provider.create(context())) {
      StreamSpec spec =
          connector.discover(c).stream()
              .filter(s -> s.name().equals(stream))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no stream " + stream));
      connector.read(spec, c, state, emitter);
      return new Result(emitter, null);
    } catch (RuntimeException e) {
      return new Result(emitter, e);
    }
  }
}
