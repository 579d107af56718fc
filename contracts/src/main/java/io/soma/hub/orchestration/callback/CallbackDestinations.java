package io.soma.hub.orchestration.callback;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the hub may POST a session's callback. Outside local mode only {@code https}, and never to
 * an address of the hub's own networks (loopback, private, link-local, carrier-grade NAT,
 * unique-local, multicast, unspecified): a callback must not become a way into the cluster. The
 * gateway checks the URL as written (a literal address), the worker again every address its host
 * resolves to, just before each attempt.
 */
public final class CallbackDestinations {

  public static final int MAX_URL_CHARS = 2048;

  private final boolean localMode;

  public CallbackDestinations(boolean localMode) {
    this.localMode = localMode;
  }

  public boolean localMode() {
    return localMode;
  }

  /** The URL as a URI, or an {@link IllegalArgumentException} saying what is wrong with it. */
  public URI check(String url) {
    if (url.isEmpty() || url.codePointCount(0, url.length()) > MAX_URL_CHARS) {
      throw new IllegalArgumentException("must be 1 to " + MAX_URL_CHARS + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
      throw new IllegalArgumentException("must be an absolute http(s) URL with a host");
    }
    if (!scheme.equals("https") && !(localMode && scheme.equals("http"))) {
      throw new IllegalArgumentException(
          localMode ? "must be an http or https URL" : "must be an https URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("must not carry credentials (user info)");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("must not have a fragment");
    }
    String host = uri.getHost();
    if (!localMode
        && (host.equalsIgnoreCase("localhost")
            || host.toLowerCase(Locale.ROOT).endsWith(".localhost"))) {
      throw new IllegalArgumentException("must not name this machine");
    }
    if (!localMode && isLiteral(host)) {
      try {
        checkAddress(InetAddress.getByName(unbracketed(host)));
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException("is not a URL (bad address " + host + ")");
      }
    }
    return uri;
  }

  /** Refuses an address of the hub's own networks, outside local mode. */
  public void checkAddress(InetAddress address) {
    if (!localMode && internal(address)) {
      throw new IllegalArgumentException(
          "must not point to a loopback, private, link-local or other internal address ("
              + address.getHostAddress()
              + ")");
    }
  }

  static boolean internal(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 0.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT), 192.0.0.0/24, 198.18.0.0/15 (benchmarking),
      // 240.0.0.0/4.
      return first == 0
          || (first == 100 && (second & 0xc0) == 64)
          || (first == 192 && second == 0 && b[2] == 0)
          || (first == 198 && (second & 0xfe) == 18)
          || first >= 240;
    }
    if (address instanceof Inet6Address) {
      // fc00::/7 (unique local), and IPv4-mapped ::ffff:a.b.c.d judged as the IPv4 address it maps.
      if ((b[0] & 0xfe) == 0xfc) {
        return true;
      }
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (java.net.UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isLiteral(String host) {
    return host.startsWith("[") || host.matches("[0-9.]+");
  }

  private static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
