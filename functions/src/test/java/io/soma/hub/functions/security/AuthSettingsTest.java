package io.soma.hub.functions.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * The token settings from Spring Boot's standard properties, their HUB_JWT_* aliases and
 * HUB_JWT_SECRET.
 */
class AuthSettingsTest {

  static final String SECRET = "a-secret-of-the-hub-at-least-32-bytes-long";
  static final String JWKS = "https://idp.example/jwks.json";

  private static OAuth2ResourceServerProperties.Jwt jwt(
      String jwksUrl, String issuer, List<String> audiences) {
    OAuth2ResourceServerProperties.Jwt jwt = new OAuth2ResourceServerProperties().getJwt();
    jwt.setJwkSetUri(jwksUrl);
    jwt.setIssuerUri(issuer);
    jwt.setAudiences(audiences);
    jwt.setJwsAlgorithms(List.of("RS256", "ES256"));
    return jwt;
  }

  @Test
  void theStandardPropertiesNameTheJwksTheIssuerTheAudiencesAndTheAlgorithms() {
    OAuth2ResourceServerProperties.Jwt jwt =
        jwt(JWKS, "https://idp.example", List.of("soma-hub", "hub-api"));
    jwt.setJwsAlgorithms(List.of("ES256"));

    AuthSettings settings = AuthSettings.from(jwt, "");

    assertThat(settings.jwksUrl()).isEqualTo(JWKS);
    assertThat(settings.issuer()).isEqualTo("https://idp.example");
    assertThat(settings.audiences()).containsExactly("soma-hub", "hub-api");
    assertThat(settings.jwsAlgorithms()).containsExactly(SignatureAlgorithm.ES256);
  }

  @Test
  void aJwksWinsOverTheSecretWhichOnlyTheWorkerUses() {
    AuthSettings settings = AuthSettings.from(jwt(JWKS, null, List.of()), SECRET);

    assertThat(settings.jwksUrl()).isEqualTo(JWKS);
    assertThat(settings.secret()).isNull();
  }

  @Test
  void theSecretAloneIsHs256AndMustBeLongEnough() {
    assertThat(AuthSettings.from(jwt("", "", List.of("")), SECRET).secret()).isEqualTo(SECRET);
    assertThatThrownBy(() -> AuthSettings.from(jwt(null, null, List.of()), "short"))
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void noKeyAnIssuerAloneASymmetricAlgorithmOrAPublicKeyFileAreRefused() {
    assertThatThrownBy(() -> AuthSettings.from(jwt(null, null, List.of()), ""))
        .hasMessageContaining("No token key configured");
    assertThatThrownBy(() -> AuthSettings.from(jwt(null, "https://idp.example", List.of()), ""))
        .hasMessageContaining("an issuer-uri alone is not enough");

    OAuth2ResourceServerProperties.Jwt symmetric = jwt(JWKS, null, List.of());
    symmetric.setJwsAlgorithms(List.of("RS256", "HS256"));
    assertThatThrownBy(() -> AuthSettings.from(symmetric, ""))
        .hasMessageContaining("HS256 is not an algorithm");

    OAuth2ResourceServerProperties.Jwt publicKey = jwt(JWKS, null, List.of());
    publicKey.setPublicKeyLocation(new ByteArrayResource(new byte[0]));
    assertThatThrownBy(() -> AuthSettings.from(publicKey, ""))
        .hasMessageContaining("public-key-location");
  }

  @Test
  void aHubAliasMayRepeatItsStandardPropertyButNotContradictIt() {
    OAuth2ResourceServerProperties.Jwt jwt = jwt(JWKS, "https://idp.example", List.of("a", "b"));
    MockEnvironment agreeing =
        new MockEnvironment()
            .withProperty("HUB_JWT_JWKS_URL", JWKS)
            .withProperty("HUB_JWT_ISSUER", "https://idp.example")
            .withProperty("HUB_JWT_AUDIENCE", "a, b");
    HubJwtAliases.requireAgreement(agreeing, jwt);
    HubJwtAliases.requireAgreement(new MockEnvironment(), jwt);

    MockEnvironment contradicting =
        new MockEnvironment().withProperty("HUB_JWT_JWKS_URL", "https://other/jwks");
    assertThatThrownBy(() -> HubJwtAliases.requireAgreement(contradicting, jwt))
        .hasMessageContaining("HUB_JWT_JWKS_URL is https://other/jwks")
        .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.jwk-set-uri is " + JWKS);
  }

  @Test
  void theJwksRefreshIntervalMustBeShorterThanTheCache() {
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(
            () ->
                new JwksSettings(
                    second, second, Duration.ofSeconds(30), Duration.ofSeconds(30), second))
        .hasMessageContaining("must be shorter than HUB_JWT_JWKS_CACHE_TTL");
    assertThatThrownBy(
            () -> new JwksSettings(Duration.ZERO, second, second, Duration.ofMillis(10), second))
        .hasMessageContaining("HUB_JWT_JWKS_CONNECT_TIMEOUT must be a positive duration");
  }
}
