package io.soma.hub.functions.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.HttpCalls.Answer;
import io.soma.hub.functions.support.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The limiter's store unreachable while the rest of the hub works: requests go through unchecked,
 * never 5xx. (The session start still needs the hub store for moderation, which here is a
 * different, working database.)
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_JWT_SECRET=" + TestTokens.SECRET,
      "HUB_DB_URL=jdbc:h2:mem:rate-limits-down;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hub.rate-limits.default.reads=1/1h",
      "hub.rate-limits.default.sessions=1/1h"
    })
@Import({GatewayTestConfiguration.class, RateLimiterStoreDownHttpTest.UnreachableBuckets.class})
class RateLimiterStoreDownHttpTest {

  @LocalServerPort int port;
  @Autowired MeterRegistry registry;

  @Test
  void requestsGoThroughUncheckedAndAreCounted() {
    HttpCalls http = new HttpCalls(port);
    String ann = TestTokens.hs256("acme", "ann", "sessions:write", "sessions:read");

    Answer status = http.get("/v1/status", ann);
    Answer statusAgain = http.get("/v1/status", ann);
    Answer created = http.postJson("/v1/sessions", ann, "{\"prompt\":\"plan a launch\"}");
    Answer createdAgain =
        http.postJson("/v1/sessions", ann, "{\"prompt\":\"plan another launch\"}");

    assertThat(
            List.of(status.status(), statusAgain.status(), created.status(), createdAgain.status()))
        .as("limits of one per hour, unchecked")
        .containsExactly(200, 200, 201, 201);
    assertThat(status.headers().firstValue("RateLimit-Limit")).isEmpty();
    assertThat(registry.get("gateway.rate.limiter.unavailable").counter().count()).isEqualTo(4);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class UnreachableBuckets {

    @Bean(destroyMethod = "close")
    @Primary
    BucketStore unreachableBucketStore() {
      return new BucketStore(LimiterStores.unreachablePostgres(), 1);
    }
  }
}
