package io.soma.hub.orchestration.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.soma.hub.orchestration.session.SessionFailures;
import io.soma.hub.orchestration.session.SessionRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopedTokensTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-scoped";
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final ScopedTokens tokens =
      new ScopedTokens(SECRET, null, null, Duration.ofMinutes(5), CLOCK);

  private final SessionRequest request =
      new SessionRequest(
          "s-1",
          "acme",
          "alice",
          List.of("sessions:write", "sessions:read", "memory:read", "moderation:bypass"),
          "Hello",
          null,
          Map.of());

  @Test
  void theTokenCarriesTheSessionClaimsAndExpiresAfterFiveMinutes() throws Exception {
    TokenGrant grant = tokens.issue(request);
    SignedJWT jwt = SignedJWT.parse(tokens.tokenFor(grant));

    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
    var claims = jwt.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo("alice");
    assertThat(claims.getStringClaim("tenant_id")).isEqualTo("acme");
    assertThat(claims.getStringClaim("session_id")).isEqualTo("s-1");
    assertThat(claims.getJWTID()).isEqualTo(grant.tokenId());
    assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
    assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(5))));
    assertThat(grant.expiresAt() - grant.issuedAt()).isEqualTo(300);
  }

  @Test
  void aSessionGetsOnlySessionScopesItsCallerHolds() throws Exception {
    TokenGrant grant = tokens.issue(request);

    assertThat(grant.scopes()).containsExactly("sessions:read", "memory:read");
    assertThat(
            SignedJWT.parse(tokens.tokenFor(grant))
                .getJWTClaimsSet()
                .getStringListClaim("capabilities"))
        .containsExactly("sessions:read", "memory:read");
  }

  @Test
  void theSameGrantAndSecretAlwaysGiveTheSameToken() {
    TokenGrant grant = tokens.issue(request);
    ScopedTokens anotherWorker =
        new ScopedTokens(
            SECRET, null, null, Duration.ofMinutes(5), Clock.offset(CLOCK, Duration.ofHours(1)));

    assertThat(tokens.tokenFor(grant))
        .isEqualTo(tokens.tokenFor(grant))
        .isEqualTo(anotherWorker.tokenFor(grant));
    assertThat(
            new ScopedTokens(SECRET + "-other", null, null, Duration.ofMinutes(5), CLOCK)
                .tokenFor(grant))
        .isNotEqualTo(tokens.tokenFor(grant));
  }

  @Test
  void issuerAndAudienceAreCarriedByTheGrantWhenConfigured() throws Exception {
    ScopedTokens withIssuer =
        new ScopedTokens(SECRET, "soma-hub", "soma-gateway", Duration.ofMinutes(5), CLOCK);
    TokenGrant grant = withIssuer.issue(request);
    var claims = SignedJWT.parse(withIssuer.tokenFor(grant)).getJWTClaimsSet();

    assertThat(claims.getIssuer()).isEqualTo("soma-hub");
    assertThat(claims.getAudience()).containsExactly("soma-gateway");
    assertThat(tokens.tokenFor(grant)).isEqualTo(withIssuer.tokenFor(grant));
  }

  @Test
  void theGrantItselfHoldsNoToken() throws Exception {
    TokenGrant grant = tokens.issue(request);
    String token = tokens.tokenFor(grant);
    String serialisedGrant = new ObjectMapper().writeValueAsString(grant);

    assertThat(serialisedGrant)
        .doesNotContain(token)
        .doesNotContain(token.split("\\.")[2])
        .doesNotContain("eyJ");
  }

  @Test
  void withoutASecretIssuingFailsForGoodWithAClearMessage() {
    ScopedTokens unconfigured = new ScopedTokens("", null, null, Duration.ofMinutes(5), CLOCK);

    assertThatThrownBy(() -> unconfigured.issue(request))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(SessionFailures.WORKER_MISCONFIGURED);
              assertThat(failure.getOriginalMessage()).contains("HUB_JWT_SECRET is not set");
            });
  }

  @Test
  void aSecretShorterThan32BytesIsRefused() {
    ScopedTokens weak = new ScopedTokens("too-short", null, null, Duration.ofMinutes(5), CLOCK);

    assertThatThrownBy(() -> weak.issue(request))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("at least 32");
  }
}
