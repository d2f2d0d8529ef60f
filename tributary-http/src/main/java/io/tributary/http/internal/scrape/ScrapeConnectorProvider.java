package io.tributary.http.internal.scrape;

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
 * Registers the {@code scrape} connector (listed in {@code
 * META-INF/services/io.tributary.spi.ConnectorProvider}). Keeps, per host, the token bucket that
 * spaces requests by the polite delay, and the breaker and rate gate, shared by every run in this
 * process. Thread-safe.
 */
public final class ScrapeConnectorProvider implements ConnectorProvider {
  private final Function<ConnectorContext, HttpRuntime> runtimes;
  private final Map<String, SourceResources> hosts = new ConcurrentHashMap<>();

  /** Needed by {@link java.util.ServiceLoader}: real time and sleeping. */
  public ScrapeConnectorProvider() {
    this(ctx -> HttpRuntime.system(ctx.clock()));
  }

  /** A provider with an injected runtime (tests: fake clock and sleeper). */
  public ScrapeConnectorProvider(Function<ConnectorContext, HttpRuntime> runtimes) {
    this.runtimes = runtimes;
  }

  @Override
  public String name() {
    return "scrape";
  }

  @Override
  public List<String> streamNames() {
    return List.of(ScrapeConnector.STREAM);
  }

  @Override
  public String description() {
    return "Items selected by CSS selectors from HTML pages; robots.txt, polite delay, host"
        + " allowlist";
  }

  @Override
  public ConfigSpec spec() {
    return ScrapeConnector.SPEC;
  }

  @Override
  public Connector create(ConnectorContext context) {
    HttpRuntime runtime = runtimes.apply(context);
    return new ScrapeConnector(
        context,
        runtime,
        host ->
            hosts.computeIfAbsent(
                host,
                h -> new SourceResources("scrape:" + h, ScrapeConnector.POLICY, runtime.clock())));
  }
}
