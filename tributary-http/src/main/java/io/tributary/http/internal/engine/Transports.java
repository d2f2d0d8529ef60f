package io.tributary.http.internal.engine;

import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.internal.net.AddressGuard;
import io.tributary.http.internal.net.Cassettes;
import io.tributary.http.internal.net.JdkTransport;
import io.tributary.http.internal.net.Sleeper;
import io.tributary.http.internal.net.Transport;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConnectorContext;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the transport of one connector session from its limits, its SSRF guard and the run
 * options: the real client, the client wrapped in a recorder ({@code record_dir}), or a replayer
 * ({@code replay_dir}, no network and no waiting). Shared by manifest connectors and the Java
 * connectors of this module so both get the same stack.
 */
final class Transports {
  private Transports() {}

  /**
   * A transport and the runtime to use with it.
   *
   * @param offline true when replaying: politeness waits are skipped
   */
  record Opened(Transport transport, HttpRuntime runtime, boolean offline) {}

  /**
   * The guard of a connector whose config has {@code allow_private_addresses}.
   *
   * @throws ConfigException naming an entry that is not an address or range
   */
  static AddressGuard guard(List<String> allowPrivateAddresses) {
    try {
      return AddressGuard.allowing(allowPrivateAddresses);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("allow_private_addresses: " + e.getMessage());
    }
  }

  /**
   * Opens the transport.
   *
   * @throws ConfigException when the replay folder is missing or unreadable
   */
  static Opened open(
      Manifest.Limits l,
      AddressGuard guard,
      HttpRuntime runtime,
      ConnectorContext context,
      Scrubber scrubber,
      Json json) {
    String replay = context.options().get("replay_dir");
    String record = context.options().get("record_dir");
    if (replay != null) {
      Transport transport;
      try {
        transport = Cassettes.replaying(resolve(context, replay), scrubber::scrub, json.mapper());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
      Sleeper noWait = d -> {};
      return new Opened(
          transport, new HttpRuntime(runtime.clock(), noWait, runtime.random()), true);
    }
    Transport transport =
        new JdkTransport(
            new JdkTransport.Settings(
                l.connectTimeout(),
                l.readTimeout(),
                l.totalTimeout(),
                l.maxResponseBytes(),
                l.maxDecompressedBytes(),
                l.maxRedirects()),
            guard);
    if (record != null) {
      transport =
          Cassettes.recording(transport, resolve(context, record), scrubber::scrub, json.mapper());
    }
    return new Opened(transport, runtime, false);
  }

  private static Path resolve(ConnectorContext context, String dir) {
    Path p = Path.of(dir);
    return p.isAbsolute() || context.baseDir() == null ? p : context.baseDir().resolve(p);
  }
}
