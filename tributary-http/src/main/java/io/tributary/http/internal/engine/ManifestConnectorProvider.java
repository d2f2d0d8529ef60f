package io.tributary.http.internal.engine;

import io.tributary.http.internal.manifest.Manifest;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigSpec;
import io.tributary.spi.config.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The provider of one manifest's connector (kind {@code manifest}). Thread-safe. It keeps what
 * every run of the source in this process shares: circuit breaker, rate gate, token buckets and
 * bulkhead ({@link SourceResources}), created with the first connector.
 */
public final class ManifestConnectorProvider implements ConnectorProvider {
  private final Manifest manifest;
  private final Function<ConnectorContext, HttpRuntime> runtimes;
  private final ConfigSpec spec;
  private volatile SourceResources resources;

  /** A provider using real time and sleeping (the clock comes from each connector's context). */
  public ManifestConnectorProvider(Manifest manifest) {
    this(manifest, ctx -> HttpRuntime.system(ctx.clock()));
  }

  /** A provider with an injected runtime (tests: fake clock and sleeper). */
  public ManifestConnectorProvider(
      Manifest manifest, Function<ConnectorContext, HttpRuntime> runtimes) {
    this.manifest = manifest;
    this.runtimes = runtimes;
    this.spec = specOf(manifest);
  }

  public Manifest manifest() {
    return manifest;
  }

  @Override
  public String name() {
    return manifest.name();
  }

  @Override
  public String kind() {
    return "manifest";
  }

  @Override
  public String description() {
    return manifest.description();
  }

  @Override
  public java.util.List<String> streamNames() {
    return manifest.streams().stream().map(Manifest.Stream::name).toList();
  }

  @Override
  public ConfigSpec spec() {
    return spec;
  }

  /** Closed until a connector of this source has made requests; then its breaker's state. */
  @Override
  public java.util.Optional<String> circuitState() {
    SourceResources r = resources;
    return java.util.Optional.of(
        r == null ? "closed" : r.breaker().state().name().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public Connector create(ConnectorContext context) {
    HttpRuntime runtime = runtimes.apply(context);
    SourceResources r = resources;
    if (r == null) {
      synchronized (this) {
        if (resources == null) {
          resources = new SourceResources(manifest, runtime.clock());
        }
        r = resources;
      }
    }
    return new ManifestConnector(manifest, r, runtime, context);
  }

  /** The manifest's declared config plus the keys every manifest connector accepts. */
  static ConfigSpec specOf(Manifest m) {
    List<ConfigField> fields = new ArrayList<>(m.config());
    fields.add(
        ConfigField.string("base_url")
            .describe(
                "Overrides the API's base URL (a proxy, a mirror or a local test server); default "
                    + m.baseUrl())
            .example(m.baseUrl()));
    if (m.usesOAuth()) {
      fields.add(
          ConfigField.string("token_url")
              .describe("Overrides the OAuth2 token endpoint (e.g. for a test server)."));
    }
    fields.add(
        ConfigField.stringList("allow_private_addresses")
            .describe(
                "IP addresses or CIDR ranges (127.0.0.1, 10.0.0.0/8) this connector may reach"
                    + " although they are loopback, private or link-local; empty by default, so"
                    + " such addresses are refused."));
    fields.add(
        new ConfigField(
            "requests_per_second",
            FieldType.NUMBER,
            false,
            null,
            false,
            "Overrides the manifest's request rate for this source.",
            List.of(),
            0.0001,
            null));
    fields.add(
        ConfigField.integer("max_pages")
            .atLeast(1)
            .describe(
                "Reads at most this many pages per partition (a sample); incremental state only"
                    + " advances for ascending streams then."));
    return new ConfigSpec(m.description(), fields, false);
  }
}
