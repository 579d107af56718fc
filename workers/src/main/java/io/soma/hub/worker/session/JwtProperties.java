package io.soma.hub.worker.session;

import io.soma.hub.orchestration.token.ScopedTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Signing of the scoped session tokens; issuer and audience match what the gateway checks. Refuses
 * to exist without a usable HUB_JWT_SECRET, so a worker that could not sign a session's token never
 * starts polling.
 */
@ConfigurationProperties("hub.jwt")
public record JwtProperties(
    String secret,
    String issuer,
    String audience,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("5m") Duration scopedTokenTtl) {

  public JwtProperties {
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException(
          "HUB_JWT_SECRET is not set: the worker signs each session's scoped token with it (HS256, at least "
              + ScopedTokens.MIN_SECRET_BYTES
              + " bytes). For a local hub, `./hub up` provides one.");
    }
    int length = secret.getBytes(StandardCharsets.UTF_8).length;
    if (length < ScopedTokens.MIN_SECRET_BYTES) {
      throw new IllegalStateException(
          "HUB_JWT_SECRET has "
              + length
              + " bytes; HS256 needs at least "
              + ScopedTokens.MIN_SECRET_BYTES
              + " (RFC 7518 §3.2).");
    }
  }
}
