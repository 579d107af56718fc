package io.soma.hub.functions.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * The issuer's keys, from its JWKS URL, as {@link JwksSettings} says: every fetch bounded by the
 * timeouts (and 50 KiB), the set cached, fetched again at once for an unknown {@code kid} within
 * the rate limit, and the last good set kept through an outage. A token is verified with the key
 * its {@code kid} names, so an issuer can publish several.
 *
 * <p>Nimbus's own layers, not Spring Security's {@code withJwkSetUri}: that one turns off the rate
 * limit, so every token with an unknown kid is a fetch from the issuer, and keeps nothing through
 * an outage.
 */
final class JwksSource {

  private JwksSource() {}

  static JWKSource<SecurityContext> of(String jwksUrl, JwksSettings settings) {
    DefaultResourceRetriever retriever =
        new DefaultResourceRetriever(
            millis(settings.connectTimeout().toMillis()),
            millis(settings.readTimeout().toMillis()),
            JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
    URL url = url(jwksUrl);
    return JWKSourceBuilder.create(
            new LoggedJwkSetSource(new URLBasedJWKSetSource<>(url, retriever), jwksUrl))
        .cache(settings.cacheTtl().toMillis(), settings.refreshWait().toMillis())
        // Fetched when a request finds the cache expired: no background thread in a function that
        // scales to zero.
        .refreshAheadCache(false)
        .rateLimited(settings.refreshMinInterval().toMillis())
        .outageTolerant(settings.outageTolerance().toMillis())
        .build();
  }

  private static URL url(String jwksUrl) {
    try {
      URI uri = URI.create(jwksUrl);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri.toURL();
    } catch (IllegalArgumentException | MalformedURLException e) {
      throw new IllegalStateException(
          "The JWKS URL " + jwksUrl + " is not usable: " + e.getMessage(), e);
    }
  }

  private static int millis(long millis) {
    return (int) Math.min(Integer.MAX_VALUE, millis);
  }
}
