package dev.firebreak.statuspage;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which webhook URLs Firebreak may call: https (http only with
 * firebreak.status-page.subscribers.allow-http) to a host whose every address is public — never
 * loopback, link-local, private (RFC 1918, ULA), unspecified, multicast, carrier-grade NAT, reserved
 * or a cloud metadata address (unless allow-private-addresses, for tests). Asked at subscription and
 * again before every delivery, because what a name resolves to can change.
 */
@Component
class WebhookTargets {

  private static final byte[] AWS_METADATA_V6 = address("fd00:ec2::254");

  private final StatusPageProperties.Subscribers settings;

  WebhookTargets(StatusPageProperties properties) {
    this.settings = properties.getSubscribers();
  }

  /** Why Firebreak must not call this URL ("must be https", "must not point at ..."), or empty. */
  Optional<String> refusal(URI uri) {
    if (uri == null || uri.getHost() == null || uri.getHost().isBlank()
        || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      return Optional.of("must be an https URL");
    }
    if ("http".equals(uri.getScheme()) && !settings.isAllowHttp()) {
      return Optional.of("must be https (http is accepted only with firebreak.status-page.subscribers.allow-http)");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not carry a user name or password");
    }
    if (settings.isAllowPrivateAddresses()) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      return Optional.of("must name a host that resolves (" + uri.getHost() + " does not)");
    }
    for (InetAddress address : addresses) {
      String kind = inside(address);
      if (kind != null) {
        return Optional.of("must reach a public address, not " + kind + " (" + uri.getHost() + " is "
            + address.getHostAddress() + ")");
      }
    }
    return Optional.empty();
  }

  /** What kind of non-public address this is ("a loopback address", …), or null when public. */
  static String inside(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 169 && second == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254) {
        return "a cloud metadata address";
      }
      if (first == 100 && second >= 64 && second <= 127) {
        return "a carrier-grade NAT address (100.64.0.0/10)";
      }
      if (first == 0) {
        return "an unspecified address";
      }
      if (first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
          || (first == 198 && (second == 18 || second == 19))) {
        return "a reserved address";
      }
    } else if (address instanceof Inet6Address) {
      if (Arrays.equals(b, AWS_METADATA_V6)) {
        return "a cloud metadata address";
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return "a private address (fc00::/7)";
      }
      InetAddress embedded = embeddedIpv4(b);
      if (embedded != null) {
        return inside(embedded);
      }
    }
    if (address.isAnyLocalAddress()) {
      return "an unspecified address";
    }
    if (address.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (address.isSiteLocalAddress()) {
      return "a private address";
    }
    if (address.isMulticastAddress()) {
      return "a multicast address";
    }
    return null;
  }

  /** The IPv4 address inside an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) one. */
  private static InetAddress embeddedIpv4(byte[] b) {
    try {
      boolean zeroPrefix = true;
      for (int i = 0; i < 12; i++) {
        zeroPrefix &= b[i] == 0;
      }
      boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
      for (int i = 4; nat64 && i < 12; i++) {
        nat64 = b[i] == 0;
      }
      if ((zeroPrefix && !(b[12] == 0 && b[13] == 0 && b[14] == 0)) || nat64) {
        return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
      }
      if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
        return InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6));
      }
      return null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] address(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
