package io.soma.hub.e2e.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.tools.Token;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * HS256 tokens for a test hub, signed by the same code as {@code ./hub token} (tools/Token.java).
 */
public final class LocalTokens {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String secret;

  public LocalTokens(String secret) {
    this.secret = secret;
  }

  /**
   * A fresh secret of 48 random bytes, base64 text, as {@code ./hub} makes for .hub/local-secret.
   */
  public static LocalTokens withRandomSecret() {
    byte[] random = new byte[48];
    new SecureRandom().nextBytes(random);
    return new LocalTokens(Base64.getEncoder().encodeToString(random));
  }

  /** The value for HUB_JWT_SECRET. */
  public String secret() {
    return secret;
  }

  public String mint(String tenant, String subject, String... capabilities) {
    return mint(tenant, subject, Duration.ofHours(1), capabilities);
  }

  public String mint(String tenant, String subject, Duration ttl, String... capabilities) {
    return Token.mint(secret, tenant, subject, List.of(capabilities), ttl.toSeconds());
  }

  /** Any claims, for the tokens the hub must reject (missing claims, expired, wrong types). */
  public String sign(Map<String, ?> claims) {
    try {
      return Token.sign(secret, JSON.writeValueAsString(claims));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
