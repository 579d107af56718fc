package io.soma.hub.e2e.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.OpenAiModelStub;
import io.soma.hub.e2e.support.PostgresServer;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import io.soma.hub.orchestration.session.SessionIds;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two functions processes on one PostgreSQL, as two pods of a Knative Service: a tenant's limit is
 * one limit, whichever process a request reaches. Each test has a tenant of its own with limits of
 * its own. The model provider takes a few seconds per answer, so that sessions are still running
 * while a test counts them.
 */
@RequiresHubJars
class LimitsAcrossFunctionsEndToEndTest {

  private static final Duration MODEL_DELAY = Duration.ofSeconds(8);

  private static PostgresServer postgres;
  private static OpenAiModelStub model;
  private static LocalHub hub;
  private static List<JsonHttp> processes;

  @BeforeAll
  static void startTwoFunctionsOnOneStore() {
    postgres = PostgresServer.start();
    model = OpenAiModelStub.start("e2e-chat", MODEL_DELAY);
    hub =
        LocalHub.builder()
            .quickStartJvms()
            .store(postgres)
            .model(model, "e2e-chat", "sk-e2e")
            // Spring's environment variable form of hub.rate-limits.tenants.<tenant>.<class>.
            .env("HUB_RATELIMITS_TENANTS_BURST_READS", "10/1h")
            .env("HUB_RATELIMITS_TENANTS_PACED_READS", "2/10s")
            .env("HUB_RATELIMITS_TENANTS_STARTER_SESSIONS", "3/1h")
            .env("HUB_RATELIMITS_TENANTS_CROWDED_RUNNINGSESSIONS", "2")
            .start();
    processes = List.of(hub.gateway(), hub.startMoreFunctions("functions-2"));
  }

  @AfterAll
  static void stop() {
    try (PostgresServer stopsLast = postgres;
        OpenAiModelStub stopsSecond = model;
        LocalHub stopsFirst = hub) {
      // try-with-resources closes each, in reverse order, even when one fails
    }
  }

  @Test
  void exactlyTheCapacityIsAllowedOverBothProcessesAndTheRestIsRefused() throws Exception {
    String token = hub.tokens().mint("burst", "ann");

    List<Answered> answers = spread(30, (process, i) -> process.as(token).get("/v1/status"));

    assertThat(answers).filteredOn(a -> a.response().status() == 200).hasSize(10);
    List<Answered> refused = answers.stream().filter(a -> a.response().status() == 429).toList();
    assertThat(refused).hasSize(20);
    for (int process = 0; process < 2; process++) {
      int index = process;
      assertThat(refused)
          .as("refused by process %d", index)
          .filteredOn(a -> a.process() == index)
          .isNotEmpty();
    }
    assertThat(refused)
        .allSatisfy(
            a -> {
              JsonHttp.Response response = a.response();
              assertThat(response.header("Content-Type"))
                  .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
              assertThat(response.json().get("limit").asText()).isEqualTo("reads");
              assertThat(response.header("RateLimit-Limit")).contains("10");
              assertThat(response.header("RateLimit-Remaining")).contains("0");
              // One token every 6 minutes.
              assertThat(Long.parseLong(response.header("Retry-After").orElseThrow()))
                  .isBetween(1L, 360L);
            });
    assertThat(bucketRowsOf("burst")).as("one bucket in the store for both processes").isOne();
  }

  @Test
  void afterRetryAfterARequestIsAllowedAgainOnEitherProcess() throws Exception {
    JsonHttp first = processes.get(0).as(hub.tokens().mint("paced", "ann"));
    JsonHttp second = processes.get(1).as(hub.tokens().mint("paced", "ann"));

    assertThat(first.get("/v1/status").status()).isEqualTo(200);
    assertThat(second.get("/v1/status").status()).isEqualTo(200);
    JsonHttp.Response refused = first.get("/v1/status");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
    long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
    // A token every 5 s: the wait is at most that, and at least what is left of it.
    assertThat(retryAfter).isBetween(1L, 5L);

    Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());

    JsonHttp.Response allowed = second.get("/v1/status");
    assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
    assertThat(first.get("/v1/status").status())
        .as("the token the wait brought is spent")
        .isEqualTo(429);
  }

  @Test
  void sessionStartsShareTheirLimitAndARefusedStartStartsNothing() throws Exception {
    String token = hub.tokens().mint("starter", "ann", "sessions:write");
    String run = UUID.randomUUID().toString();

    List<Answered> answers = startSessions(token, run, 6);

    assertThat(answers).extracting(a -> a.response().status()).containsOnly(201, 429);
    assertThat(answers).filteredOn(a -> a.response().status() == 201).hasSize(3);
    assertWorkflowsForTheAdmittedOnly("starter", run, answers);
  }

  @Test
  void theQuotaOfRunningSessionsHoldsOverBothProcessesAndFreesWhenSessionsEnd() throws Exception {
    String token = hub.tokens().mint("crowded", "ann", "sessions:write", "sessions:read");
    String run = UUID.randomUUID().toString();

    List<Answered> answers = startSessions(token, run, 6);

    List<Answered> admitted = answers.stream().filter(a -> a.response().status() == 201).toList();
    assertThat(admitted).as(answers.toString()).hasSize(2);
    assertThat(answers)
        .filteredOn(a -> a.response().status() != 201)
        .allSatisfy(
            a -> {
              assertThat(a.response().status()).as(a.response().toString()).isEqualTo(429);
              assertThat(a.response().json().get("limit").asText()).isEqualTo("running_sessions");
              assertThat(a.response().json().get("running").asInt()).isEqualTo(2);
            });
    assertWorkflowsForTheAdmittedOnly("crowded", run, answers);

    List<String> sessionIds =
        admitted.stream().map(a -> a.response().json().get("session_id").asText()).toList();
    SessionCalls.awaitAllFinished(processes.get(0).as(token), sessionIds, Duration.ofMinutes(2));
    // The sessions' last step freed their slots; a request with a new key starts one session.
    JsonHttp retry = processes.get(1).as(token).header("Idempotency-Key", run + "-after");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                retry.post("/v1/sessions", Map.of("prompt", "Plan campaign after")).status()
                    == 201);
  }

  /**
   * {@code count} session starts at once over both processes, the i-th with Idempotency-Key {@code
   * run-i}.
   */
  private static List<Answered> startSessions(String token, String run, int count)
      throws Exception {
    return spread(
        count,
        (process, i) ->
            process
                .as(token)
                .header("Idempotency-Key", run + "-" + i)
                .post("/v1/sessions", Map.of("prompt", "Plan launch " + i)));
  }

  private static void assertWorkflowsForTheAdmittedOnly(
      String tenant, String run, List<Answered> answers) {
    for (Answered answer : answers) {
      String sessionId = SessionIds.fromIdempotencyKey(tenant, run + "-" + answer.index());
      assertThat(hub.workflows().sessionWorkflowExists(sessionId))
          .as("a workflow for request %d, answered %s", answer.index(), answer.response())
          .isEqualTo(answer.response().status() == 201);
    }
  }

  private record Answered(int index, int process, JsonHttp.Response response) {}

  private interface Call {
    JsonHttp.Response send(JsonHttp process, int index);
  }

  /** {@code count} requests at once from 8 threads, every other one to the second process. */
  private static List<Answered> spread(int count, Call call) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Answered>> pending = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        int process = i % 2;
        pending.add(
            threads.submit(
                (Callable<Answered>)
                    () -> new Answered(index, process, call.send(processes.get(process), index))));
      }
      List<Answered> answers = new ArrayList<>();
      for (Future<Answered> answer : pending) {
        answers.add(answer.get(2, TimeUnit.MINUTES));
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }

  private static long bucketRowsOf(String tenant) throws SQLException {
    try (Connection store =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        var query =
            store.prepareStatement("SELECT count(*) FROM rate_limit_buckets WHERE id LIKE ?")) {
      query.setString(1, tenant + "|%");
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
