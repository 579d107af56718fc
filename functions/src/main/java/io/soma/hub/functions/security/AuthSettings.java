package io.soma.hub.functions.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * How tokens are verified: the key (an issuer's JWKS, else the HS256 secret), the algorithms a JWKS
 * key may sign with, and the {@code iss} and {@code aud} a token must carry when set. Refuses to
 * exist without a usable key: the hub never runs unauthenticated.
 */
public record AuthSettings(
    String secret,
    String jwksUrl,
    String issuer,
    List<String> audiences,
    Set<SignatureAlgorithm> jwsAlgorithms) {

  private static final Logger log = LoggerFactory.getLogger(AuthSettings.class);
  static final int MIN_SECRET_BYTES = 32;

  public AuthSettings {
    secret = blankToNull(secret);
    jwksUrl = blankToNull(jwksUrl);
    issuer = blankToNull(issuer);
    audiences =
        audiences == null
            ? List.of()
            : audiences.stream().filter(a -> !a.isBlank()).map(String::trim).toList();
    jwsAlgorithms = Set.copyOf(jwsAlgorithms);
    if (secret == null && jwksUrl == null) {
      throw new IllegalStateException(
          "No token key configured: set HUB_JWT_SECRET (HS256, at least 32 bytes) or HUB_JWT_JWKS_URL"
              + " (spring.security.oauth2.resourceserver.jwt.jwk-set-uri); an issuer-uri alone is not enough, the"
              + " hub does not discover keys from the issuer. For a local hub, `./hub up` provides a secret.");
    }
    if (jwksUrl == null && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalStateException(
          "HUB_JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes (RFC 7518 §3.2).");
    }
    if (jwksUrl != null && jwsAlgorithms.isEmpty()) {
      throw new IllegalStateException(
          "spring.security.oauth2.resourceserver.jwt.jws-algorithms names no algorithm.");
    }
  }

  /**
   * From Spring Boot's standard resource-server properties, whose defaults are the HUB_JWT_*
   * variables (application.yaml), and HUB_JWT_SECRET, which has no standard property.
   */
  static AuthSettings from(OAuth2ResourceServerProperties.Jwt jwt, String secret) {
    if (jwt.getPublicKeyLocation() != null) {
      // Boot's own decoder for it steps aside for the hub's, so it would be ignored without a word.
      throw new IllegalStateException(
          "spring.security.oauth2.resourceserver.jwt.public-key-location is not supported: publish the key in a"
              + " JWKS (jwk-set-uri), which also lets keys rotate.");
    }
    if (blankToNull(jwt.getJwkSetUri()) != null && blankToNull(secret) != null) {
      // The worker needs the secret beside a JWKS (it signs session tokens), and the functions
      // share its Secret.
      log.info(
          "Tokens are verified with the JWKS only; HUB_JWT_SECRET is not used to verify them.");
      secret = null;
    }
    return new AuthSettings(
        secret, jwt.getJwkSetUri(), jwt.getIssuerUri(), jwt.getAudiences(), algorithms(jwt));
  }

  /**
   * Asymmetric algorithms only: an HS* name here would let the JWKS's public keys act as shared
   * secrets.
   */
  private static Set<SignatureAlgorithm> algorithms(OAuth2ResourceServerProperties.Jwt jwt) {
    Set<SignatureAlgorithm> algorithms = new LinkedHashSet<>();
    for (String name : jwt.getJwsAlgorithms()) {
      if (name.isBlank()) {
        continue;
      }
      SignatureAlgorithm algorithm = SignatureAlgorithm.from(name.trim());
      if (algorithm == null) {
        throw new IllegalStateException(
            "spring.security.oauth2.resourceserver.jwt.jws-algorithms: "
                + name.trim()
                + " is not an algorithm of a"
                + " JWKS key; use RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384 or PS512.");
      }
      algorithms.add(algorithm);
    }
    return algorithms;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
