package io.soma.hub.functions.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.TestTokens;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With HUB_JWT_JWKS_URL the gateway accepts RS256 and ES256 tokens of the issuer's keys, and nothing else: above
 * all not an HS256 token "signed" with the public key (algorithm confusion). WireMock stands in for the issuer.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_DB_URL=jdbc:h2:mem:gateway-jwks;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "HUB_JWT_ISSUER=https://issuer.example",
      "HUB_JWT_AUDIENCE=soma-hub"
    })
@Import(GatewayTestConfiguration.class)
class JwksAuthenticationTest {

  static final RSAKey RSA = generateRsa();
  static final ECKey EC = generateEc();
  static final WireMockServer ISSUER = new WireMockServer(options().dynamicPort());

  static {
    ISSUER.start();
    ISSUER.stubFor(
        get("/jwks.json")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())).toString())));
  }

  @DynamicPropertySource
  static void jwks(DynamicPropertyRegistry registry) {
    registry.add("HUB_JWT_JWKS_URL", () -> ISSUER.baseUrl() + "/jwks.json");
  }

  @AfterAll
  static void stopIssuer() {
    ISSUER.stop();
  }

  @LocalServerPort int port;

  private static JWTClaimsSet claims() {
    return TestTokens.claims("acme", "ann").issuer("https://issuer.example").audience("soma-hub").build();
  }

  private int statusWith(String token) {
    return new HttpCalls(port).get("/v1/status", token).status();
  }

  @Test
  void acceptsTheIssuersRs256AndEs256Tokens() throws Exception {
    String rs256 =
        TestTokens.sign(
            claims(), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(RSA.getKeyID()).build(), new RSASSASigner(RSA));
    String es256 =
        TestTokens.sign(
            claims(), new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(EC.getKeyID()).build(), new ECDSASigner(EC));

    assertThat(statusWith(rs256)).isEqualTo(200);
    assertThat(statusWith(es256)).isEqualTo(200);
  }

  @Test
  void refusesAnHs256TokenKeyedWithThePublicKey() throws Exception {
    byte[] publicKey = RSA.toRSAPublicKey().getEncoded();
    String confused =
        TestTokens.sign(
            claims(),
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(RSA.getKeyID()).type(JOSEObjectType.JWT).build(),
            new MACSigner(publicKey));

    assertThat(statusWith(confused)).isEqualTo(401);
    assertThat(statusWith(TestTokens.hs256(claims(), TestTokens.SECRET))).isEqualTo(401);
  }

  @Test
  void refusesAForeignKeyAWrongIssuerAndAWrongAudience() throws Exception {
    RSAKey stranger = generateRsa();
    String foreign =
        TestTokens.sign(
            claims(),
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID()).build(),
            new RSASSASigner(stranger));
    JWTClaimsSet wrongIssuer = new JWTClaimsSet.Builder(claims()).issuer("https://evil.example").build();
    JWTClaimsSet wrongAudience = new JWTClaimsSet.Builder(claims()).audience("another-api").build();

    assertThat(statusWith(foreign)).isEqualTo(401);
    assertThat(statusWith(rs256(wrongIssuer))).isEqualTo(401);
    assertThat(statusWith(rs256(wrongAudience))).isEqualTo(401);
  }

  private static String rs256(JWTClaimsSet claims) throws Exception {
    return TestTokens.sign(
        claims, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(RSA.getKeyID()).build(), new RSASSASigner(RSA));
  }

  private static RSAKey generateRsa() {
    try {
      return new RSAKeyGenerator(2048).keyID(java.util.UUID.randomUUID().toString()).generate();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ECKey generateEc() {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
