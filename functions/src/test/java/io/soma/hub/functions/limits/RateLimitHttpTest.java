package io.soma.hub.functions.limits;

import static io.soma.hub.functions.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.HttpCalls.Answer;
import io.soma.hub.functions.support.TemporalTestServer;
import io.soma.hub.functions.support.TestTokens;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Per-tenant rate limits over real HTTP: each test has a tenant of its own with limits of its own.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_JWT_SECRET=" + TestTokens.SECRET,
      "HUB_DB_URL=jdbc:h2:mem:rate-limits-http;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hub.rate-limits.tenants.reader.reads=3/1m",
      "hub.rate-limits.tenants.starter.sessions=2/1m",
      "hub.rate-limits.tenants.unauthorised.sessions=1/1m",
      "hub.rate-limits.tenants.mistaken.writes=5/1m",
      "hub.rate-limits.tenants.crowded.running-sessions=1"
    })
@Import(GatewayTestConfiguration.class)
class RateLimitHttpTest {

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment temporal;
  HttpCalls http;

  @BeforeEach
  void client() {
    http = new HttpCalls(port);
  }

  @Test
  void readsAreAllowedUpToTheBucketThenRefusedWithRetryAfter() {
    String reader = TestTokens.hs256("reader", "ann");

    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answers.add(http.get("/v1/status", reader));
    }

    assertThat(answers.subList(0, 3)).extracting(Answer::status).containsOnly(200);
    assertThat(answers).extracting(a -> header(a, "RateLimit-Limit")).containsOnly("3");
    assertThat(answers)
        .extracting(a -> header(a, "RateLimit-Remaining"))
        .containsExactly("2", "1", "0", "0");
    assertThat(Long.parseLong(header(answers.get(2), "RateLimit-Reset"))).isBetween(59L, 60L);
    Answer refused = answers.get(3);
    assertProblem(refused, 429, "rate limit for reads (3/1m) is used up; retry after ");
    assertThat(refused.json().get("limit").asString()).isEqualTo("reads");
    assertThat(refused.json().get("capacity").asInt()).isEqualTo(3);
    assertThat(refused.json().get("period").asString()).isEqualTo("1m");
    assertThat(refused.json().get("request_id").asString()).isNotBlank();
    long retryAfter = Long.parseLong(header(refused, "Retry-After"));
    assertThat(retryAfter).isBetween(19L, 20L);
    assertThat(refused.json().get("retry_after_seconds").asLong()).isEqualTo(retryAfter);
    assertThat(http.get("/v1/status", TestTokens.hs256("another-tenant", "bob")).status())
        .as("another tenant's bucket")
        .isEqualTo(200);
  }

  @Test
  void sessionStartsHaveABucketOfTheirOwnAndARefusedOneStartsNothing() {
    String starter = TestTokens.hs256("starter", "ann", "sessions:write", "sessions:read");
    long before = TemporalTestServer.startedSessions(temporal);

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(
          http.postJson("/v1/sessions", starter, "{\"prompt\":\"plan " + i + "\"}").status());
    }
    Answer refusedBeforeItsBodyIsRead =
        http.postJson("/v1/sessions", starter, "{\"prompt\": \"unterminated");

    assertThat(statuses).containsExactly(201, 201, 429);
    assertThat(TemporalTestServer.startedSessions(temporal) - before).isEqualTo(2);
    assertProblem(refusedBeforeItsBodyIsRead, 429, "rate limit for sessions (2/1m)");
    assertThat(http.get("/v1/status", starter).status()).as("the tenant's reads").isEqualTo(200);
  }

  @Test
  void aRequestRefusedForItsCapabilityTakesNoToken() {
    String readOnly = TestTokens.hs256("unauthorised", "ann", "sessions:read");
    String writer = TestTokens.hs256("unauthorised", "ann", "sessions:write");

    Answer forbidden = http.postJson("/v1/sessions", readOnly, "{\"prompt\":\"hi\"}");
    Answer forbiddenAgain = http.postJson("/v1/sessions", readOnly, "{\"prompt\":\"hi\"}");
    Answer unauthenticated = http.postJson("/v1/sessions", null, "{\"prompt\":\"hi\"}");

    assertThat(List.of(forbidden.status(), forbiddenAgain.status(), unauthenticated.status()))
        .containsExactly(403, 403, 401);
    assertThat(forbidden.headers().firstValue("RateLimit-Limit")).isEmpty();
    assertThat(unauthenticated.headers().firstValue("RateLimit-Limit")).isEmpty();
    assertThat(http.postJson("/v1/sessions", writer, "{\"prompt\":\"hi\"}").status())
        .isEqualTo(201);
  }

  @Test
  void aRequestThatFailsAfterTheCheckHasTakenItsTokenAndSaysSo() {
    String mistaken = TestTokens.hs256("mistaken", "ann", "memory:write");

    Answer invalid = http.postJson("/v1/memory", mistaken, "{\"key\": 12}");

    assertProblem(invalid, 400, "key");
    assertThat(header(invalid, "RateLimit-Limit")).isEqualTo("5");
    assertThat(header(invalid, "RateLimit-Remaining")).isEqualTo("4");
  }

  @Test
  void atTheQuotaOfRunningSessionsAStartIs429NamingTheQuota() {
    String crowded = TestTokens.hs256("crowded", "ann", "sessions:write");
    long before = TemporalTestServer.startedSessions(temporal);

    Answer first = http.postJson("/v1/sessions", crowded, "{\"prompt\":\"plan a launch\"}");
    Answer second = http.postJson("/v1/sessions", crowded, "{\"prompt\":\"plan another launch\"}");

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertProblem(
        second, 429, "the tenant has 1 sessions running, its quota; no session was started");
    assertThat(second.json().get("limit").asString()).isEqualTo("running_sessions");
    assertThat(second.json().get("capacity").asInt()).isOne();
    assertThat(second.json().get("running").asInt()).isOne();
    assertThat(second.headers().firstValue("Retry-After"))
        .as("no session's end can be foretold")
        .isEmpty();
    assertThat(TemporalTestServer.startedSessions(temporal) - before).isOne();
  }

  private static String header(Answer answer, String name) {
    return answer
        .headers()
        .firstValue(name)
        .orElseThrow(() -> new AssertionError(name + " missing: " + answer));
  }
}
