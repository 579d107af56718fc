package io.soma.hub.functions.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Arrays;
import java.util.UUID;

/**
 * An identity provider's JWKS endpoint, played by WireMock (a third party's HTTP API the hub does
 * not run): the keys it publishes, or how it fails, change between the steps of a test.
 */
public final class JwksIssuer implements AutoCloseable {

  public static final String ISSUER = "https://issuer.example";
  public static final String AUDIENCE = "soma-hub";
  private static final String PATH = "/jwks.json";

  private final WireMockServer server = new WireMockServer(options().dynamicPort());

  public static JwksIssuer start() {
    JwksIssuer issuer = new JwksIssuer();
    issuer.server.start();
    return issuer;
  }

  public String jwksUrl() {
    return server.baseUrl() + PATH;
  }

  /** From now on the JWKS holds the public halves of these keys. */
  public void publish(JWK... keys) {
    JWKSet published = new JWKSet(Arrays.stream(keys).map(JWK::toPublicJWK).toList());
    answer(
        aResponse().withHeader("Content-Type", "application/json").withBody(published.toString()));
  }

  /** From now on the JWKS endpoint answers this way (an error, a fault, a delay). */
  public void answer(ResponseDefinitionBuilder answer) {
    server.stubFor(get(PATH).willReturn(answer));
  }

  public int fetches() {
    return server.countRequestsMatching(getRequestedFor(urlEqualTo(PATH)).build()).getCount();
  }

  /** The claims of a valid token of this issuer for the hub. */
  public static JWTClaimsSet claims() {
    return TestTokens.claims("acme", "ann").issuer(ISSUER).audience(AUDIENCE).build();
  }

  /**
   * A token signed by this key, RS256 for an RSA key and ES256 for a P-256 key, its kid in the
   * header.
   */
  public static String token(JWK key) {
    return token(key, claims());
  }

  public static String token(JWK key, JWTClaimsSet claims) {
    try {
      JWSAlgorithm algorithm = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
      JWSSigner signer =
          key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
      return TestTokens.sign(
          claims, new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static RSAKey rsaKey() {
    try {
      return new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ECKey ecKey() {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID("ec-" + UUID.randomUUID()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
