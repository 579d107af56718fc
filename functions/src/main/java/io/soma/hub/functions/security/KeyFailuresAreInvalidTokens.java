package io.soma.hub.functions.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A token the hub cannot verify is a 401, whatever the reason. Spring Security reports a key it
 * could not get (the JWKS unreachable, slow or refusing, or a refetch for an unknown kid over the
 * rate limit) as a plain {@link JwtException}, which its resource server answers with a 500; as a
 * {@link BadJwtException} it is a 401 with the reason, and the gateway's 5xx count stays for faults
 * of the gateway.
 */
final class KeyFailuresAreInvalidTokens implements JwtDecoder {

  private final JwtDecoder decoder;

  KeyFailuresAreInvalidTokens(JwtDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public Jwt decode(String token) {
    try {
      return decoder.decode(token);
    } catch (BadJwtException invalid) {
      throw invalid;
    } catch (JwtException unverifiable) {
      throw new BadJwtException(reason(unverifiable), unverifiable);
    }
  }

  /**
   * Says what happened without the plumbing (and without the JWKS URL, which is the operator's
   * business).
   */
  private static String reason(JwtException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RateLimitReachedException) {
        return "no matching key: the token's kid is not among the issuer's keys, fetched moments ago";
      }
      if (cause instanceof KeySourceException) {
        return "the issuer's keys could not be fetched to verify the token";
      }
    }
    return "the token could not be verified";
  }
}
