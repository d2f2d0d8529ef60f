package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --record DIR} saves a run's HTTP exchanges; {@code run --replay DIR} serves the same
 * run from them with the server gone, and stores the same rows.
 */
class RecordReplayIT {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aRecordedRunReplaysOfflineWithTheSameResult() throws Exception {
    byte[] body;
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "/fixtures/coingecko/coins_markets_bitcoin_ethereum_vs_eth.json")) {
      body = in.readAllBytes();
    }
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v3/coins/markets",
        ex -> {
          requests.incrementAndGet();
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    Files.writeString(
        dir.resolve("p.yaml"),
        """
        name: coins
        source:
          connector: coingecko
          config:
            base_url: http://127.0.0.1:%d
            allow_private_addresses: [127.0.0.1]
            ids: [bitcoin, ethereum]
            vs_currency: eth
          streams: [markets]
        """
            .formatted(server.getAddress().getPort()));
    CliProcess.Result recorded;
    try {
      recorded =
          CliProcess.run(
              dir,
              Map.of(),
              "run",
              "p.yaml",
              "--record",
              "cassettes",
              "--data-dir",
              "live",
              "--json");
    } finally {
      server.stop(0);
    }
    assertThat(recorded.exitCode()).as(recorded.stderr()).isZero();
    assertThat(requests.get()).isEqualTo(1);
    try (var files = Files.list(dir.resolve("cassettes"))) {
      assertThat(files.count()).isPositive();
    }

    CliProcess.Result replayed =
        CliProcess.run(
            dir,
            Map.of(),
            "run",
            "p.yaml",
            "--replay",
            "cassettes",
            "--data-dir",
            "offline",
            "--json");
    assertThat(replayed.exitCode()).as(replayed.stderr()).isZero();
    assertThat(requests.get()).as("no request reached a server during the replay").isEqualTo(1);

    String sql = "SELECT id, current_price, market_cap FROM coins.markets ORDER BY id";
    JsonNode live =
        JSON.readTree(
            CliProcess.run(dir, Map.of(), "query", "--data-dir", "live", "--json", sql).stdout());
    JsonNode offline =
        JSON.readTree(
            CliProcess.run(dir, Map.of(), "query", "--data-dir", "offline", "--json", sql)
                .stdout());
    assertThat(live).hasSize(2);
    assertThat(offline).isEqualTo(live);
    assertThat(live.get(0).get("id").asText()).isEqualTo("bitcoin");
  }
}
