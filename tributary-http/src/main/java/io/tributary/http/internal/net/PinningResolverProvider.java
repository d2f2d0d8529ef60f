package io.tributary.http.internal.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JVM's name resolver while Tributary runs (registered in {@code
 * META-INF/services/java.net.spi.InetAddressResolverProvider}): answers a host name the SSRF guard
 * has just checked with the addresses it checked ({@link PinnedAddresses}), everything else with
 * the platform's built-in resolver. This is what pins an HTTP connection to an approved address:
 * {@code java.net.http.HttpClient} has no hook of its own for choosing the address it connects to.
 */
public final class PinningResolverProvider extends InetAddressResolverProvider {

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        Optional<InetAddress[]> pinned = PinnedAddresses.lookup(host);
        if (pinned.isPresent()) {
          InetAddress[] usable =
              Arrays.stream(pinned.get())
                  .filter(a -> allowedBy(a, policy.characteristics()))
                  .toArray(InetAddress[]::new);
          if (usable.length > 0) {
            return Arrays.stream(usable);
          }
        }
        return builtin.lookupByName(host, policy);
      }

      @Override
      public String lookupByAddress(byte[] addr) throws UnknownHostException {
        return builtin.lookupByAddress(addr);
      }
    };
  }

  private static boolean allowedBy(InetAddress a, int characteristics) {
    boolean v4 = (characteristics & InetAddressResolver.LookupPolicy.IPV4) != 0;
    boolean v6 = (characteristics & InetAddressResolver.LookupPolicy.IPV6) != 0;
    return a instanceof Inet4Address ? v4 : a instanceof Inet6Address && v6;
  }

  @Override
  public String name() {
    return "tributary-pinning";
  }
}
