package io.soma.hub.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.JwksIssuer;
import io.soma.hub.functions.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With HUB_JWT_JWKS_URL (and HUB_JWT_ISSUER, HUB_JWT_AUDIENCE, the hub's names for Spring Boot's
 * standard properties) the gateway accepts RS256 and ES256 tokens of the issuer's keys, and nothing
 * else: above all not an HS256 token "signed" with the public key (algorithm confusion).
 * HUB_JWT_SECRET set beside the JWKS (the worker needs it) verifies nothing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_DB_URL=jdbc:h2:mem:gateway-jwks;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "HUB_JWT_ISSUER=" + JwksIssuer.ISSUER,
      "HUB_JWT_AUDIENCE=" + JwksIssuer.AUDIENCE,
      "HUB_JWT_SECRET=" + TestTokens.SECRET
    })
@Import(GatewayTestConfiguration.class)
class JwksAuthenticationTest {

  static final RSAKey RSA = JwksIssuer.rsaKey();
  static final ECKey EC = JwksIssuer.ecKey();
  static final JwksIssuer ISSUER = JwksIssuer.start();

  static {
    ISSUER.publish(RSA, EC);
  }

  @DynamicPropertySource
  static void jwks(DynamicPropertyRegistry registry) {
    registry.add("HUB_JWT_JWKS_URL", ISSUER::jwksUrl);
  }

  @AfterAll
  static void stopIssuer() {
    ISSUER.close();
  }

  @LocalServerPort int port;

  private int statusWith(String token) {
    return new HttpCalls(port).get("/v1/status", token).status();
  }

  @Test
  void acceptsTheIssuersRs256AndEs256Tokens() {
    assertThat(statusWith(JwksIssuer.token(RSA))).isEqualTo(200);
    assertThat(statusWith(JwksIssuer.token(EC))).isEqualTo(200);
  }

  @Test
  void refusesAnHs256TokenKeyedWithThePublicKeyOrWithTheSecret() throws Exception {
    byte[] publicKey = RSA.toRSAPublicKey().getEncoded();
    String confused =
        TestTokens.sign(
            JwksIssuer.claims(),
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(RSA.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            new MACSigner(publicKey));

    assertThat(statusWith(confused)).isEqualTo(401);
    assertThat(statusWith(TestTokens.hs256(JwksIssuer.claims(), TestTokens.SECRET))).isEqualTo(401);
  }

  @Test
  void refusesAForeignKeyAWrongIssuerAndAWrongAudience() {
    JWTClaimsSet wrongIssuer =
        new JWTClaimsSet.Builder(JwksIssuer.claims()).issuer("https://evil.example").build();
    JWTClaimsSet wrongAudience =
        new JWTClaimsSet.Builder(JwksIssuer.claims()).audience("another-api").build();

    assertThat(statusWith(JwksIssuer.token(JwksIssuer.rsaKey()))).isEqualTo(401);
    assertThat(statusWith(JwksIssuer.token(RSA, wrongIssuer))).isEqualTo(401);
    assertThat(statusWith(JwksIssuer.token(RSA, wrongAudience))).isEqualTo(401);
  }
}
