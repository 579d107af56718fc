package io.soma.hub.functions.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every real fetch of the JWKS passes here (the cache and the rate limit sit above), so an operator
 * sees each failure once, with its reason, and the recovery; callers only learn that the keys are
 * unavailable.
 */
final class LoggedJwkSetSource implements JWKSetSource<SecurityContext> {

  private static final Logger log = LoggerFactory.getLogger(LoggedJwkSetSource.class);

  private final JWKSetSource<SecurityContext> fetched;
  private final String url;
  private final AtomicBoolean failing = new AtomicBoolean();

  LoggedJwkSetSource(JWKSetSource<SecurityContext> fetched, String url) {
    this.fetched = fetched;
    this.url = url;
  }

  @Override
  public JWKSet getJWKSet(
      JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
      throws KeySourceException {
    try {
      JWKSet keys = fetched.getJWKSet(refresh, currentTime, context);
      if (failing.compareAndSet(true, false)) {
        log.info("The JWKS at {} answers again; key ids {}", url, keyIds(keys));
      } else {
        log.debug("Fetched the JWKS at {}; key ids {}", url, keyIds(keys));
      }
      return keys;
    } catch (KeySourceException e) {
      failing.set(true);
      log.warn("Could not fetch the JWKS at {}: {}", url, e.getMessage());
      throw e;
    }
  }

  private static List<String> keyIds(JWKSet keys) {
    return keys.getKeys().stream().map(JWK::getKeyID).toList();
  }

  @Override
  public void close() throws IOException {
    fetched.close();
  }
}
