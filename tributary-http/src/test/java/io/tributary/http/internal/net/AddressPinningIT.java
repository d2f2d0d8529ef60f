package io.tributary.http.internal.net;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The address the HTTP client connects to is the one the SSRF guard checked. The names below end in
 * {@code .invalid}, which never resolves in DNS (RFC 2606): a request to one can only succeed if
 * the client's connection used the guard's pinned answer instead of resolving the name again.
 */
class AddressPinningIT {
  WireMockServer server;
  final JdkTransport.Settings settings =
      new JdkTransport.Settings(
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          1 << 20,
          1 << 20,
          3);

  @BeforeEach
  void start() {
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(get(urlPathEqualTo("/ping")).willReturn(okJson("{\"pong\": true}")));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private static InetAddress loopback() throws UnknownHostException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  @Test
  void theClientConnectsToTheAddressTheGuardChecked() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    AddressGuard guard =
        AddressGuard.allowing(List.of("127.0.0.1"))
            .resolvingWith(
                host -> {
                  lookups.incrementAndGet();
                  return new InetAddress[] {loopback()};
                });
    JdkTransport transport = new JdkTransport(settings, guard);
    URI uri = URI.create("http://pinned-one.invalid:" + server.port() + "/ping");

    HttpReply reply = transport.send(new HttpCall("GET", uri, Map.of(), null));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("pong");
    assertThat(lookups).as("the guard resolved the name once").hasValue(1);
  }

  @Test
  void aRebindingAnswerAfterTheCheckIsNeverUsed() throws Exception {
    // first answer: an allowed address; every later answer: the cloud metadata address
    AtomicInteger lookups = new AtomicInteger();
    AddressGuard guard =
        AddressGuard.allowing(List.of("127.0.0.1"))
            .resolvingWith(
                host ->
                    lookups.getAndIncrement() == 0
                        ? new InetAddress[] {loopback()}
                        : new InetAddress[] {InetAddress.getByName("169.254.169.254")});
    JdkTransport transport = new JdkTransport(settings, guard);
    URI uri = URI.create("http://rebinding-two.invalid:" + server.port() + "/ping");

    for (int i = 0; i < 3; i++) {
      assertThat(transport.send(new HttpCall("GET", uri, Map.of(), null)).status()).isEqualTo(200);
    }
    assertThat(lookups).as("later checks reuse the pinned answer").hasValue(1);
    assertThat(PinnedAddresses.lookup("rebinding-two.invalid").orElseThrow())
        .containsExactly(loopback());
  }

  @Test
  void aRefusedAnswerIsNotPinned() throws Exception {
    AddressGuard strict =
        AddressGuard.strict().resolvingWith(host -> new InetAddress[] {loopback()});
    JdkTransport transport = new JdkTransport(settings, strict);
    URI uri = URI.create("http://refused-three.invalid:" + server.port() + "/ping");

    assertThatThrownBy(() -> transport.send(new HttpCall("GET", uri, Map.of(), null)))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("loopback");
    assertThat(PinnedAddresses.lookup("refused-three.invalid")).isEmpty();
    assertThat(server.getAllServeEvents()).isEmpty();
  }
}
