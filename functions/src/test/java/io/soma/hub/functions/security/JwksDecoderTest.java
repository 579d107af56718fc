package io.soma.hub.functions.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import io.soma.hub.functions.support.JwksIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The JWKS decoder on its own, for what the gateway tests cannot set up after their first request:
 * a JWKS that has never answered. Spring Security reports that as a plain JwtException, which its
 * resource server answers with a 500 (seen over HTTP before {@link KeyFailuresAreInvalidTokens});
 * here it must be a BadJwtException, a 401.
 */
class JwksDecoderTest {

  static final JwksIssuer ISSUER = JwksIssuer.start();
  static final Duration SECOND = Duration.ofSeconds(1);

  @AfterAll
  static void stopIssuer() {
    ISSUER.close();
  }

  private static JwtDecoder decoder() {
    AuthSettings settings =
        new AuthSettings(
            null,
            ISSUER.jwksUrl(),
            JwksIssuer.ISSUER,
            List.of(JwksIssuer.AUDIENCE),
            Set.of(SignatureAlgorithm.RS256));
    return JwtDecoders.fromSettings(
        settings,
        new JwksSettings(
            SECOND, SECOND, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1)));
  }

  @Test
  void aJwksThatNeverAnsweredMakesEveryTokenInvalidNotAServerError() {
    ISSUER.answer(aResponse().withStatus(503));
    RSAKey key = JwksIssuer.rsaKey();
    JwtDecoder decoder = decoder();

    assertThatThrownBy(() -> decoder.decode(JwksIssuer.token(key)))
        .isInstanceOf(BadJwtException.class)
        .hasMessage("the issuer's keys could not be fetched to verify the token");
  }

  @Test
  void theKeysArriveWithoutANewDecoderOnceTheJwksAnswers() {
    ISSUER.answer(aResponse().withStatus(503));
    RSAKey key = JwksIssuer.rsaKey();
    JwtDecoder decoder = decoder();
    assertThatThrownBy(() -> decoder.decode(JwksIssuer.token(key)))
        .isInstanceOf(BadJwtException.class);

    ISSUER.publish(key);
    assertThat(decoder.decode(JwksIssuer.token(key)).getSubject()).isEqualTo("ann");
  }
}
