package io.soma.hub.orchestration.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.soma.hub.orchestration.session.SessionFailures;
import io.soma.hub.orchestration.session.SessionRequest;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Short-lived HS256 tokens for one session. A session gets at most the capabilities in {@link
 * #SESSION_SCOPES} that its caller holds, so a session can never do more than its caller, nor start
 * further sessions.
 *
 * <p>HS256 over the same header and claims is deterministic, so the grant plus the secret is enough
 * to rebuild the exact token: the token never needs to be stored.
 */
public final class ScopedTokens {

  public static final List<String> SESSION_SCOPES =
      List.of("sessions:read", "memory:read", "memory:write");

  /** HS256 keys shorter than the hash are refused (RFC 7518 §3.2), as the gateway does. */
  public static final int MIN_SECRET_BYTES = 32;

  private final byte[] secret;
  private final String issuer;
  private final String audience;
  private final Duration ttl;
  private final Clock clock;

  public ScopedTokens(String secret, String issuer, String audience, Duration ttl, Clock clock) {
    this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
    this.issuer = blankToNull(issuer);
    this.audience = blankToNull(audience);
    this.ttl = ttl;
    this.clock = clock;
  }

  public TokenGrant issue(SessionRequest request) {
    requireUsableSecret();
    Set<String> held = Set.copyOf(request.capabilities());
    List<String> scopes = SESSION_SCOPES.stream().filter(held::contains).toList();
    long issuedAt = clock.instant().getEpochSecond();
    return new TokenGrant(
        UUID.randomUUID().toString(),
        request.sessionId(),
        request.subject(),
        request.tenant(),
        scopes,
        issuedAt,
        issuedAt + ttl.toSeconds(),
        issuer,
        audience);
  }

  /**
   * The signed token the grant stands for; the same grant and secret always give the same token.
   */
  public String tokenFor(TokenGrant grant) {
    requireUsableSecret();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .jwtID(grant.tokenId())
            .subject(grant.subject())
            .claim("tenant_id", grant.tenant())
            .claim("capabilities", grant.scopes())
            .claim("session_id", grant.sessionId())
            .issueTime(Date.from(Instant.ofEpochSecond(grant.issuedAt())))
            .expirationTime(Date.from(Instant.ofEpochSecond(grant.expiresAt())));
    if (grant.issuer() != null) {
      claims.issuer(grant.issuer());
    }
    if (grant.audience() != null) {
      claims.audience(grant.audience());
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
            claims.build());
    try {
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw misconfigured("cannot sign the scoped session token: " + e.getMessage());
    }
    return jwt.serialize();
  }

  private void requireUsableSecret() {
    if (secret.length == 0) {
      throw misconfigured(
          "HUB_JWT_SECRET is not set: the worker cannot sign scoped session tokens");
    }
    if (secret.length < MIN_SECRET_BYTES) {
      throw misconfigured(
          "HUB_JWT_SECRET has "
              + secret.length
              + " bytes; HS256 needs at least "
              + MIN_SECRET_BYTES);
    }
  }

  private static ApplicationFailure misconfigured(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, SessionFailures.WORKER_MISCONFIGURED);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
