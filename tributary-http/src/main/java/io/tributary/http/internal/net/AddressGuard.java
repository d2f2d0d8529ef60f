package io.tributary.http.internal.net;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SSRF guard: refuses to connect to loopback, private, link-local (169.254.169.254, the cloud
 * metadata address), carrier-grade NAT, multicast, unspecified and other reserved addresses unless
 * they are explicitly allowed. Checks every address the host name resolves to, so a public name
 * pointing at a private address (DNS rebinding) is refused too, and pins the checked answer ({@link
 * PinnedAddresses}) so the HTTP client connects to one of exactly those addresses, not to whatever
 * a second DNS lookup returns. Immutable and thread-safe.
 */
public final class AddressGuard {
  private final List<Cidr> allowed;
  private final Set<String> hosts;
  private final Resolver resolver;

  /** Name resolution, replaceable in tests. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private AddressGuard(List<Cidr> allowed, Set<String> hosts, Resolver resolver) {
    this.allowed = List.copyOf(allowed);
    this.hosts = Set.copyOf(hosts);
    this.resolver = resolver;
  }

  /** A copy that resolves names with {@code r} (tests stand in for DNS with it). */
  AddressGuard resolvingWith(Resolver r) {
    return new AddressGuard(allowed, hosts, r);
  }

  /** Refuses every special address: the default. */
  public static AddressGuard strict() {
    return new AddressGuard(List.of(), Set.of(), InetAddress::getAllByName);
  }

  /**
   * A copy that also refuses every host name not in {@code names} (compared case-insensitively),
   * before anything is resolved. Because the transport asks the guard before every redirect hop, a
   * redirect cannot lead outside the list either.
   */
  public AddressGuard onlyHosts(Collection<String> names) {
    Set<String> h = new TreeSet<>();
    names.forEach(n -> h.add(stripBrackets(n.trim()).toLowerCase(Locale.ROOT)));
    return new AddressGuard(allowed, h, resolver);
  }

  /**
   * A guard that allows the given addresses or CIDR ranges ({@code 127.0.0.1}, {@code 10.0.0.0/8},
   * {@code ::1}).
   *
   * @throws IllegalArgumentException naming an entry that is not an address or range
   */
  public static AddressGuard allowing(List<String> entries) {
    List<Cidr> cidrs = new ArrayList<>();
    for (String e : entries) {
      cidrs.add(Cidr.parse(e.trim()));
    }
    return new AddressGuard(cidrs, Set.of(), InetAddress::getAllByName);
  }

  /**
   * Resolves the URI's host and checks every address.
   *
   * @throws TransportException of kind BLOCKED naming the address and how to allow it, or NETWORK
   *     when the host does not resolve
   */
  public void check(URI uri) throws TransportException {
    String host = uri.getHost();
    if (host == null) {
      throw new TransportException(
          TransportException.Kind.BLOCKED, "URL has no host: " + safe(uri));
    }
    if (!hosts.isEmpty() && !hosts.contains(stripBrackets(host).toLowerCase(Locale.ROOT))) {
      throw new TransportException(
          TransportException.Kind.BLOCKED,
          "refusing to connect to host '"
              + host
              + "': it is not in the connector's allowed_hosts ("
              + String.join(", ", hosts)
              + ")");
    }
    String name = stripBrackets(host);
    InetAddress[] addresses;
    boolean fresh = false;
    try {
      // a name checked less than a minute ago keeps its checked answer: the client connects to
      // what was checked, and a rebinding DNS server gets no second chance
      addresses = PinnedAddresses.lookup(name).orElse(null);
      if (addresses == null) {
        addresses = resolver.resolve(name);
        fresh = true;
      }
    } catch (UnknownHostException e) {
      throw new TransportException(
          TransportException.Kind.NETWORK, "host '" + host + "' does not resolve", e);
    }
    for (InetAddress a : addresses) {
      String why = special(a);
      if (why != null && allowed.stream().noneMatch(c -> c.contains(a))) {
        throw new TransportException(
            TransportException.Kind.BLOCKED,
            "refusing to connect to "
                + a.getHostAddress()
                + " ("
                + why
                + ") for host '"
                + host
                + "'; if you really mean to reach a local or private server, list it in the"
                + " connector's allow_private_addresses (e.g. ["
                + a.getHostAddress()
                + "])");
      }
    }
    if (fresh && !isLiteral(name)) {
      // not re-pinned when taken from a pin: a DNS change is seen within a minute
      PinnedAddresses.pin(name, addresses);
    }
  }

  private static boolean isLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  static String safe(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
        + uri.getRawPath();
  }

  /** Why the address is special, or {@code null} for an ordinary public address. */
  static String special(InetAddress a) {
    if (a instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
      if (mapped) {
        try {
          return special(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return "an unparseable address";
        }
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return "a unique-local IPv6 address";
      }
    }
    if (a.isAnyLocalAddress()) {
      return "the unspecified address";
    }
    if (a.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (a.isLinkLocalAddress()) {
      return "a link-local address such as the cloud metadata service";
    }
    if (a.isSiteLocalAddress()) {
      return "a private-network address";
    }
    if (a.isMulticastAddress()) {
      return "a multicast address";
    }
    if (a instanceof Inet4Address) {
      byte[] b = a.getAddress();
      int b0 = b[0] & 0xff;
      int b1 = b[1] & 0xff;
      if (b0 == 0) {
        return "a 'this network' address";
      }
      if (b0 == 100 && b1 >= 64 && b1 < 128) {
        return "a carrier-grade NAT address";
      }
      if (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0) {
        return "an IETF protocol address";
      }
      if (b0 == 198 && (b1 == 18 || b1 == 19)) {
        return "a benchmarking address";
      }
      if (b0 >= 240) {
        return "a reserved address";
      }
    }
    return null;
  }

  private record Cidr(byte[] network, int bits) {
    static Cidr parse(String text) {
      String addr = text;
      int bits = -1;
      int slash = text.indexOf('/');
      if (slash >= 0) {
        addr = text.substring(0, slash);
        try {
          bits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + text + "' is not an address or CIDR range");
        }
      }
      if (!addr.matches("[0-9a-fA-F:.]+")) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' is not an IP address or CIDR range (write e.g. 127.0.0.1 or 10.0.0.0/8)");
      }
      try {
        byte[] net = InetAddress.getByName(addr).getAddress();
        int max = net.length * 8;
        if (bits < 0) {
          bits = max;
        }
        if (bits > max) {
          throw new IllegalArgumentException("'" + text + "' has a prefix longer than " + max);
        }
        return new Cidr(net, bits);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
      }
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false;
      }
      BigInteger mask =
          BigInteger.ONE
              .shiftLeft(b.length * 8)
              .subtract(BigInteger.ONE)
              .xor(BigInteger.ONE.shiftLeft(b.length * 8 - bits).subtract(BigInteger.ONE));
      return new BigInteger(1, b).and(mask).equals(new BigInteger(1, network).and(mask));
    }
  }
}
