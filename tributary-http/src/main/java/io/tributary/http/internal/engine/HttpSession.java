package io.tributary.http.internal.engine;

import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.internal.net.AddressGuard;
import io.tributary.http.internal.net.HttpCall;
import io.tributary.http.internal.net.Transport;
import io.tributary.spi.ConnectorContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The engine's HTTP stack for connectors written in Java rather than as a manifest (rss, scrape):
 * the same transport (SSRF guard, deadlines, size caps, safe redirects, {@code --record/--replay}
 * cassettes) and the same {@link HttpExecutor} (token bucket, rate-limit headers, quotas, retries
 * with backoff, circuit breaker), driven by a policy written in the manifest format.
 *
 * <p>Unlike a manifest connector, which talks to one API, these connectors talk to many hosts, so
 * the breaker, rate gate and token bucket are kept per host ({@code resourcesByHost}): one failing
 * feed cannot open the breaker of the others, and the request rate is a per-host politeness limit.
 * Thread-safe; one per connector and configuration, closed with it.
 */
public final class HttpSession implements AutoCloseable {
  private final Manifest policy;
  private final Function<String, SourceResources> resourcesByHost;
  private final Transport transport;
  private final HttpRuntime runtime;
  private final boolean offline;
  private final Double requestsPerSecond;
  private final ConnectorContext context;
  private final Json json;
  private final Scrubber scrubber = new Scrubber();
  private final AuthSession auth;
  private final Map<String, HttpExecutor> executors = new ConcurrentHashMap<>();

  private HttpSession(
      Manifest policy,
      Function<String, SourceResources> resourcesByHost,
      HttpRuntime runtime,
      ConnectorContext context,
      AddressGuard guard,
      Double requestsPerSecond) {
    this.policy = policy;
    this.resourcesByHost = resourcesByHost;
    this.context = context;
    this.requestsPerSecond = requestsPerSecond;
    Manifest.Limits l = policy.limits();
    this.json = new Json(l.maxNestingDepth(), l.maxStringLength());
    Transports.Opened opened = Transports.open(l, guard, runtime, context, scrubber, json);
    this.transport = opened.transport();
    this.runtime = opened.runtime();
    this.offline = opened.offline();
    this.auth = new AuthSession(policy, Map.of(), null, this.runtime, json, scrubber);
    auth.useTransport(transport);
  }

  /**
   * Opens a session.
   *
   * @param policy retry, rate-limit, limits and breaker settings (its streams are not used)
   * @param resourcesByHost the shared breaker, gate and buckets of one host ({@code host:port});
   *     normally kept by the connector's provider so every run in the process shares them
   * @param guard the SSRF guard (and, for scrape, the host allowlist)
   * @param requestsPerSecond overrides the policy's per-host rate, or {@code null}
   * @throws io.tributary.spi.ConfigException when the replay folder is missing
   */
  public static HttpSession open(
      Manifest policy,
      Function<String, SourceResources> resourcesByHost,
      HttpRuntime runtime,
      ConnectorContext context,
      AddressGuard guard,
      Double requestsPerSecond) {
    return new HttpSession(policy, resourcesByHost, runtime, context, guard, requestsPerSecond);
  }

  /**
   * The SSRF guard of a configuration's {@code allow_private_addresses}.
   *
   * @throws io.tributary.spi.ConfigException naming an entry that is not an address or range
   */
  public static AddressGuard guard(List<String> allowPrivateAddresses) {
    return Transports.guard(allowPrivateAddresses);
  }

  /** The key of a URI's host in {@code resourcesByHost}: lower-case host, and the port if given. */
  public static String hostKey(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return uri.getPort() > 0 ? host + ":" + uri.getPort() : host;
  }

  /**
   * GETs {@code uri} through the whole stack and returns the response unparsed.
   *
   * @param rules error rules checked first (e.g. 304 or 404 as {@code ignore})
   * @throws io.tributary.spi.RetriableException when retries are exhausted or the host is paused
   * @throws io.tributary.spi.PermanentException when the request cannot succeed
   */
  public HttpExecutor.Page get(
      URI uri,
      Map<String, String> headers,
      List<Manifest.ErrorRule> rules,
      BooleanSupplier cancelled) {
    HttpExecutor executor =
        executors.computeIfAbsent(
            hostKey(uri),
            h ->
                new HttpExecutor(
                    policy,
                    resourcesByHost.apply(h),
                    runtime,
                    transport,
                    auth,
                    json,
                    scrubber,
                    context.quotas(),
                    context.circuits(),
                    offline,
                    requestsPerSecond));
    return executor.fetchBytes(new HttpCall("GET", uri, headers, null), rules, cancelled);
  }

  /** The runtime in use (replay swaps in one that never waits). */
  public HttpRuntime runtime() {
    return runtime;
  }

  /** Whether this session replays cassettes instead of using the network. */
  public boolean offline() {
    return offline;
  }

  @Override
  public void close() {
    transport.close();
  }
}
