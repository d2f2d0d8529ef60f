package io.tributary.server;

import java.nio.file.Path;

/**
 * How the API server listens and whom it lets in.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} (loopback only) or {@code 0.0.0.0}
 * @param port the port; 0 picks a free one (see {@link ApiServer#port()})
 * @param dataDir the data directory (its free space is part of readiness)
 * @param publicRead whether read-only API endpoints ({@code GET /api/**}, {@code /openapi.json})
 *     answer without a token
 * @param publicMetrics whether {@code GET /metrics} answers without a token
 * @param minFreeDiskBytes readiness fails when the data directory has less free space
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    boolean publicRead,
    boolean publicMetrics,
    long minFreeDiskBytes) {

  public static final long DEFAULT_MIN_FREE_DISK = 256L * 1024 * 1024;

  public ServerConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535 but was " + port);
    }
  }

  /** Loopback only, everything behind the token, 256 MiB free disk required. */
  public static ServerConfig local(int port, Path dataDir) {
    return new ServerConfig("127.0.0.1", port, dataDir, false, false, DEFAULT_MIN_FREE_DISK);
  }
}
