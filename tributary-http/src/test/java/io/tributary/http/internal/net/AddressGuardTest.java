package io.tributary.http.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "198.18.0.1",
        "::1",
        "fc00::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254"
      })
  void specialAddressesAreRefusedByDefault(String ip) throws Exception {
    assertThat(AddressGuard.special(InetAddress.getByName(ip))).as(ip).isNotNull();
    String host = ip.contains(":") ? "[" + ip + "]" : ip;
    assertThatThrownBy(() -> AddressGuard.strict().check(URI.create("http://" + host + "/x")))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.BLOCKED))
        .hasMessageContaining("allow_private_addresses");
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "140.82.112.3", "2606:4700::1111"})
  void publicAddressesPass(String ip) throws Exception {
    assertThat(AddressGuard.special(InetAddress.getByName(ip))).isNull();
    String host = ip.contains(":") ? "[" + ip + "]" : ip;
    AddressGuard.strict().check(URI.create("https://" + host + "/x"));
  }

  @Test
  void anAllowlistLetsExactlyItsAddressesAndRangesThrough() throws Exception {
    AddressGuard g = AddressGuard.allowing(List.of("127.0.0.1", "10.0.0.0/8"));

    g.check(URI.create("http://127.0.0.1:8080/x"));
    g.check(URI.create("http://10.200.3.4/x"));
    assertThatThrownBy(() -> g.check(URI.create("http://127.0.0.2/x")))
        .hasMessageContaining("refusing to connect to 127.0.0.2 (a loopback address)");
    assertThatThrownBy(() -> g.check(URI.create("http://169.254.169.254/latest/meta-data")))
        .hasMessageContaining("link-local");
  }

  @Test
  void aHostNameResolvingToLoopbackIsRefused() {
    assertThatThrownBy(() -> AddressGuard.strict().check(URI.create("http://localhost:9/x")))
        .hasMessageContaining("for host 'localhost'");
  }

  @Test
  void aBadAllowlistEntryIsNamed() {
    assertThatThrownBy(() -> AddressGuard.allowing(List.of("my-laptop")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'my-laptop' is not an IP address or CIDR range");
  }

  @Test
  void aHostAllowlistRefusesOtherNamesBeforeResolvingThem() throws Exception {
    AddressGuard guard =
        AddressGuard.allowing(List.of("127.0.0.1")).onlyHosts(List.of("127.0.0.1"));

    guard.check(URI.create("http://127.0.0.1:8080/page"));
    assertThatThrownBy(() -> guard.check(URI.create("http://does-not-resolve.invalid/x")))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(TransportException.Kind.BLOCKED);
              assertThat(e.getMessage())
                  .contains("'does-not-resolve.invalid'")
                  .contains("allowed_hosts (127.0.0.1)");
            });
  }
}
