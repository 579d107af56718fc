package io.soma.hub.functions.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.nimbusds.jose.jwk.JWK;
import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.JwksIssuer;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Keys rotate at the issuer while the gateway runs, configured through Spring Boot's standard
 * resource-server properties alone: a key added to the JWKS is accepted as soon as a token names
 * it, both keys work side by side, and a removed key's tokens are refused once the cached JWKS
 * expires; no restart. A JWKS that fails or hangs costs unknown kids a 401 within the timeouts,
 * while the keys fetched before keep working; never a 500.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_DB_URL=jdbc:h2:mem:gateway-jwks-rotation;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + JwksIssuer.ISSUER,
      "spring.security.oauth2.resourceserver.jwt.audiences=" + JwksIssuer.AUDIENCE,
      "HUB_JWT_JWKS_CACHE_TTL=" + JwksKeyRotationTest.CACHE_TTL_MILLIS + "ms",
      "HUB_JWT_JWKS_REFRESH_MIN_INTERVAL=500ms",
      "HUB_JWT_JWKS_CONNECT_TIMEOUT=1s",
      "HUB_JWT_JWKS_TIMEOUT=1s",
      "HUB_JWT_JWKS_OUTAGE_TOLERANCE=1m"
    })
@Import(GatewayTestConfiguration.class)
class JwksKeyRotationTest {

  static final long CACHE_TTL_MILLIS = 3000;
  static final Duration CACHE_TTL = Duration.ofMillis(CACHE_TTL_MILLIS);
  static final JwksIssuer ISSUER = JwksIssuer.start();

  @DynamicPropertySource
  static void jwks(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER::jwksUrl);
  }

  @AfterAll
  static void stopIssuer() {
    ISSUER.close();
  }

  @LocalServerPort int port;

  private HttpCalls.Answer statusWith(JWK key) {
    return new HttpCalls(port).get("/v1/status", JwksIssuer.token(key));
  }

  private int status(JWK key) {
    return statusWith(key).status();
  }

  @AfterEach
  void noServerError() {
    assertThat(new HttpCalls(port).get("/metrics", null).body())
        .contains("gateway_server_errors_total 0.0");
  }

  static Stream<Arguments> keyTypes() {
    return Stream.of(
        Arguments.of("RS256", (Supplier<JWK>) JwksIssuer::rsaKey),
        Arguments.of("ES256", (Supplier<JWK>) JwksIssuer::ecKey));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keyTypes")
  void aKeyIsAddedBothAreAcceptedTheOldOneIsRemovedAndItsTokensAreRefused(
      String algorithm, Supplier<JWK> keys) {
    JWK old = keys.get();
    JWK next = keys.get();

    ISSUER.publish(old);
    awaitStatus(old, 200);

    // Added: the new kid is not in the cache, so the JWKS is fetched again at once (within the rate
    // limit).
    ISSUER.publish(old, next);
    awaitStatus(next, 200);
    assertThat(status(old)).isEqualTo(200);
    assertThat(status(next)).isEqualTo(200);

    // Removed: the old key is trusted until the cached JWKS expires, then refused; the new one
    // throughout.
    ISSUER.publish(next);
    long removed = System.nanoTime();
    awaitStatus(old, 401);
    assertThat(Duration.ofNanos(System.nanoTime() - removed)).isLessThan(CACHE_TTL.plusSeconds(5));
    assertThat(statusWith(old).body()).contains("no matching key");
    assertThat(status(next)).isEqualTo(200);
  }

  @Test
  void keysAreCachedAnUnknownKidIsRefusedAfterARefetchAndMadeUpKidsCannotHammerTheIssuer()
      throws InterruptedException {
    JWK known = JwksIssuer.rsaKey();
    ISSUER.publish(known);
    awaitStatus(known, 200);

    int cached = ISSUER.fetches();
    for (int i = 0; i < 10; i++) {
      assertThat(status(known)).isEqualTo(200);
    }
    assertThat(ISSUER.fetches())
        .as("10 requests, at most the one refetch of an expired cache")
        .isLessThanOrEqualTo(cached + 1);

    Thread.sleep(600); // past the refresh interval: a fresh rate-limit window
    int before = ISSUER.fetches();
    HttpCalls.Answer unknown = statusWith(JwksIssuer.rsaKey());
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.body()).contains("no matching key");
    // One refetch for the kid (two when the cache had expired just then: once for the expiry, once
    // for the kid).
    assertThat(ISSUER.fetches())
        .as("refetches for the unknown kid")
        .isBetween(before + 1, before + 2);

    long start = System.nanoTime();
    int fetchesBefore = ISSUER.fetches();
    for (int i = 0; i < 30; i++) {
      HttpCalls.Answer refused = statusWith(JwksIssuer.ecKey());
      assertThat(refused.status()).as(refused.body()).isEqualTo(401);
    }
    int intervals = (int) (Duration.ofNanos(System.nanoTime() - start).toMillis() / 500) + 1;
    assertThat(ISSUER.fetches() - fetchesBefore)
        .as("fetches for 30 made-up kids")
        .isLessThanOrEqualTo(2 * intervals);
    assertThat(status(known)).isEqualTo(200);
  }

  static Stream<Arguments> outages() {
    return Stream.of(
        Arguments.of("503", aResponse().withStatus(503)),
        Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
        Arguments.of(
            "not a JWKS",
            aResponse().withHeader("Content-Type", "text/html").withBody("<h1>oops</h1>")),
        Arguments.of(
            "hangs past the read timeout",
            aResponse().withFixedDelay(5000).withBody("{\"keys\":[]}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outages")
  void whileTheJwksFailsCachedKeysKeepWorkingAndUnknownKidsAre401(
      String outage, ResponseDefinitionBuilder failure) throws InterruptedException {
    JWK cached = JwksIssuer.ecKey();
    ISSUER.publish(cached);
    awaitStatus(cached, 200);

    ISSUER.answer(failure);
    Thread.sleep(CACHE_TTL.plusMillis(200).toMillis());
    int before = ISSUER.fetches();
    assertThat(status(cached))
        .as("a cached key after the cache expired, the JWKS failing")
        .isEqualTo(200);
    assertThat(ISSUER.fetches()).as("the expired cache was refetched").isGreaterThan(before);

    long start = System.nanoTime();
    HttpCalls.Answer unknown = statusWith(JwksIssuer.ecKey());
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(401);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("bounded by the timeouts")
        .isLessThan(Duration.ofSeconds(4));

    JWK added = JwksIssuer.ecKey();
    ISSUER.publish(cached, added);
    awaitStatus(added, 200);
  }

  private void awaitStatus(JWK key, int status) {
    await()
        .atMost(CACHE_TTL.plusSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status(key) == status);
  }
}
