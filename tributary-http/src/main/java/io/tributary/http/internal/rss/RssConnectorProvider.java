package io.tributary.http.internal.rss;

import io.tributary.http.internal.engine.HttpRuntime;
import io.tributary.http.internal.engine.SourceResources;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.config.ConfigSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Registers the {@code rss} connector (listed in {@code
 * META-INF/services/io.tributary.spi.ConnectorProvider}). Keeps, per host, the circuit breaker,
 * rate gate and token bucket every run in this process shares. Thread-safe.
 */
public final class RssConnectorProvider implements ConnectorProvider {
  private final Function<ConnectorContext, HttpRuntime> runtimes;
  private final Map<String, SourceResources> hosts = new ConcurrentHashMap<>();

  /** Needed by {@link java.util.ServiceLoader}: real time and sleeping. */
  public RssConnectorProvider() {
    this(ctx -> HttpRuntime.system(ctx.clock()));
  }

  /** A provider with an injected runtime (tests: fake clock and sleeper). */
  public RssConnectorProvider(Function<ConnectorContext, HttpRuntime> runtimes) {
    this.runtimes = runtimes;
  }

  @Override
  public String name() {
    return "rss";
  }

  @Override
  public List<String> streamNames() {
    return List.of(RssConnector.STREAM);
  }

  @Override
  public String description() {
    return "Items of RSS 0.9x/1.0/2.0 and Atom feeds, with conditional GET and a cursor per feed";
  }

  @Override
  public ConfigSpec spec() {
    return RssConnector.SPEC;
  }

  @Override
  public Connector create(ConnectorContext context) {
    HttpRuntime runtime = runtimes.apply(context);
    return new RssConnector(
        context,
        runtime,
        host ->
            hosts.computeIfAbsent(
                host, h -> new SourceResources("rss:" + h, RssConnector.POLICY, runtime.clock())));
  }
}
