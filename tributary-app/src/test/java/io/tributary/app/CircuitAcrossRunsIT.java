package io.tributary.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A circuit breaker outlives the process that opened it: each {@code tributary run} below is a
 * separate JVM, and only the store connects them. Failures count across runs, an open breaker makes
 * the next run skip the source without a request and say why, and the probe time is taken from when
 * the breaker opened, not from when the new process started.
 */
class CircuitAcrossRunsIT {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String MANIFEST =
      """
      name: flaky
      description: A service that fails (made up for this test)
      base_url: https://flaky.invalid
      retry: {max_attempts: 1}
      circuit_breaker: {failure_threshold: 2, open_for: %s}
      streams:
        - name: items
          primary_key: id
          request: {path: /items}
          records: {path: /items}
      """;

  static final String PIPELINE =
      """
      name: flaky_items
      source:
        connector: flaky
        config:
          base_url: http://127.0.0.1:%d
          allow_private_addresses: [127.0.0.1]
      """;

  @TempDir Path dir;
  WireMockServer server;

  @BeforeEach
  void setUp() throws Exception {
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    Files.createDirectories(dir.resolve("connectors"));
    manifest("10m");
    Files.writeString(dir.resolve("flaky.yaml"), PIPELINE.formatted(server.port()));
  }

  @AfterEach
  void tearDown() {
    server.stop();
  }

  private void manifest(String openFor) throws Exception {
    Files.writeString(dir.resolve("connectors/flaky.yaml"), MANIFEST.formatted(openFor));
  }

  private CliProcess.Result run() throws Exception {
    return CliProcess.run(dir, Map.of(), "run", "flaky.yaml");
  }

  private int requests() {
    return server.findAll(getRequestedFor(urlPathEqualTo("/items"))).size();
  }

  private JsonNode circuit() throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            dir,
            Map.of(),
            "query",
            "--json",
            "SELECT state, failures, opened_at IS NOT NULL AS opened"
                + " FROM tributary.circuit_breakers WHERE source = 'flaky'");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return JSON.readTree(r.stdout());
  }

  @Test
  void anOpenBreakerSkipsTheSourceInTheNextProcessAndAProbeClosesIt() throws Exception {
    server.stubFor(get(urlPathEqualTo("/items")).willReturn(aResponse().withStatus(503)));

    CliProcess.Result first = run();
    assertThat(first.exitCode()).as(first.stderr()).isEqualTo(1);
    assertThat(first.stderr()).contains("HTTP 503");
    assertThat(requests()).isEqualTo(1);
    JsonNode afterFirst = circuit();
    assertThat(afterFirst).hasSize(1);
    assertThat(afterFirst.get(0).get("state").asText()).isEqualTo("closed");
    assertThat(afterFirst.get(0).get("failures").asInt()).isEqualTo(1);

    // the second failure, in another process, reaches the threshold of 2
    CliProcess.Result second = run();
    assertThat(second.exitCode()).as(second.stderr()).isEqualTo(1);
    assertThat(requests()).isEqualTo(2);
    assertThat(circuit().get(0).get("state").asText()).isEqualTo("open");

    // a third process skips the source fast: no request, and it says why
    CliProcess.Result third = run();
    assertThat(third.exitCode()).as(third.stderr()).isEqualTo(1);
    assertThat(third.stderr()).contains("circuit breaker opened").contains("open_for");
    assertThat(requests()).isEqualTo(2);

    // the service recovers; with a 1 s open_for the saved opening time is long enough ago, so
    // the next run's first request is the probe, and it closes the breaker
    server.resetAll();
    server.stubFor(get(urlPathEqualTo("/items")).willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    manifest("1s");
    Thread.sleep(1_100);
    CliProcess.Result fourth = run();
    assertThat(fourth.exitCode()).as(fourth.stderr()).isZero();
    assertThat(requests()).isEqualTo(1);
    JsonNode closed = circuit();
    assertThat(closed.get(0).get("state").asText()).isEqualTo("closed");
    assertThat(closed.get(0).get("failures").asInt()).isZero();
  }
}
