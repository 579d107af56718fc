package io.soma.hub.functions.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the issuer's JWKS is fetched and kept (HUB_JWT_JWKS_* in application.yaml).
 *
 * @param connectTimeout connecting to the JWKS URL
 * @param readTimeout reading its answer
 * @param cacheTtl how long fetched keys are used before the JWKS is fetched again; a key removed
 *     from the JWKS is still accepted for at most this long
 * @param refreshMinInterval a token whose {@code kid} is not among the cached keys makes the JWKS
 *     be fetched again at once, but at most twice within this interval, so made-up kids cannot make
 *     the hub hammer the issuer
 * @param outageTolerance while the JWKS cannot be fetched, the keys fetched before keep verifying
 *     tokens this long
 */
@ConfigurationProperties("hub.jwt.jwks")
public record JwksSettings(
    Duration connectTimeout,
    Duration readTimeout,
    Duration cacheTtl,
    Duration refreshMinInterval,
    Duration outageTolerance) {

  public JwksSettings {
    requirePositive("HUB_JWT_JWKS_CONNECT_TIMEOUT", connectTimeout);
    requirePositive("HUB_JWT_JWKS_TIMEOUT", readTimeout);
    requirePositive("HUB_JWT_JWKS_CACHE_TTL", cacheTtl);
    requirePositive("HUB_JWT_JWKS_REFRESH_MIN_INTERVAL", refreshMinInterval);
    requirePositive("HUB_JWT_JWKS_OUTAGE_TOLERANCE", outageTolerance);
    if (refreshMinInterval.compareTo(cacheTtl) >= 0) {
      // Else the rate limit could refuse the refetch of an expired cache, and every token with it.
      throw new IllegalStateException(
          "HUB_JWT_JWKS_REFRESH_MIN_INTERVAL ("
              + refreshMinInterval
              + ") must be shorter than HUB_JWT_JWKS_CACHE_TTL ("
              + cacheTtl
              + ").");
    }
  }

  /** How long a request waits for another request's fetch: as long as one fetch may take. */
  Duration refreshWait() {
    return connectTimeout.plus(readTimeout);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalStateException(name + " must be a positive duration, got " + value);
    }
  }
}
