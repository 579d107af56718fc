package io.soma.hub.functions.security;

import java.nio.charset.StandardCharsets;

/**
 * The token verification settings, from HUB_JWT_SECRET or HUB_JWT_JWKS_URL (exactly one), and optionally
 * HUB_JWT_ISSUER and HUB_JWT_AUDIENCE. Refuses to exist without a usable key: the hub never runs unauthenticated.
 */
public record AuthSettings(String secret, String jwksUrl, String issuer, String audience) {

  public AuthSettings {
    secret = blankToNull(secret);
    jwksUrl = blankToNull(jwksUrl);
    issuer = blankToNull(issuer);
    audience = blankToNull(audience);
    if (secret == null && jwksUrl == null) {
      throw new IllegalStateException(
          "No token key configured: set HUB_JWT_SECRET (HS256, at least 32 bytes) or HUB_JWT_JWKS_URL."
              + " For a local hub, `./hub up` provides one.");
    }
    if (secret != null && jwksUrl != null) {
      throw new IllegalStateException("Set either HUB_JWT_SECRET or HUB_JWT_JWKS_URL, not both.");
    }
    if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < JwtDecoders.MIN_SECRET_BYTES) {
      throw new IllegalStateException(
          "HUB_JWT_SECRET must be at least " + JwtDecoders.MIN_SECRET_BYTES + " bytes (RFC 7518 §3.2).");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
