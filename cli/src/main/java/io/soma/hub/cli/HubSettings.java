package io.soma.hub.cli;

import java.net.URI;
import java.util.Map;

/**
 * Where the hub is and who calls it: HUB_URL and HUB_TOKEN, read once and checked before any
 * request.
 */
record HubSettings(URI baseUrl, String token) {

  /** What {@code ./hub up} serves. */
  static final String DEFAULT_URL = "http://127.0.0.1:8080";

  static HubSettings from(Map<String, String> environment) {
    String url = environment.getOrDefault("HUB_URL", "").strip();
    URI base = parseBaseUrl(url.isEmpty() ? DEFAULT_URL : url);
    String token = environment.getOrDefault("HUB_TOKEN", "").strip();
    if (token.isEmpty()) {
      // The hub wrapper mints one only for a hub on this machine; anywhere else the token is the
      // caller's to bring.
      throw CliFailure.usage(
          "HUB_TOKEN is not set: set it to a bearer token of the hub at "
              + base
              + " with sessions:write,sessions:read (./hub session mints one only for a hub on this machine)");
    }
    return new HubSettings(base, token);
  }

  private static URI parseBaseUrl(String url) {
    try {
      URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getQuery() == null
          && uri.getFragment() == null) {
        return uri;
      }
    } catch (IllegalArgumentException malformed) {
      // answered below, the same way as a URL of another scheme
    }
    throw CliFailure.usage(
        "HUB_URL must be an http:// or https:// URL such as "
            + DEFAULT_URL
            + ", got '"
            + url
            + "'");
  }

  /**
   * The API path (with its query) under the base URL, which may itself have a path (a hub behind a
   * prefix).
   */
  URI resolve(String pathAndQuery) {
    return URI.create(baseUrl + pathAndQuery);
  }
}
