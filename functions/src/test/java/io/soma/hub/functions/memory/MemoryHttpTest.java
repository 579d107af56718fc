package io.soma.hub.functions.memory;

import static io.soma.hub.functions.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.HttpCalls.Answer;
import io.soma.hub.functions.support.TestTokens;
import io.soma.hub.orchestration.memory.MemoryRefreshWorkflow;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The memory endpoints over real HTTP: remember, recall, search and refresh, and every bad input.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_JWT_SECRET=" + TestTokens.SECRET,
      "HUB_DB_URL=jdbc:h2:mem:memory-http;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
    })
@Import(GatewayTestConfiguration.class)
class MemoryHttpTest {

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment temporal;
  HttpCalls http;

  final String acme =
      TestTokens.hs256("acme", "ann", "memory:write", "memory:read", "memory:refresh");
  final String globex = TestTokens.hs256("globex", "gus", "memory:write", "memory:read");
  final String sessionsOnly = TestTokens.hs256("acme", "ann", "sessions:write", "sessions:read");

  @BeforeEach
  void client() {
    http = new HttpCalls(port);
  }

  private long refreshesStarted() {
    return temporal
        .getWorkflowServiceStubs()
        .blockingStub()
        .listOpenWorkflowExecutions(
            ListOpenWorkflowExecutionsRequest.newBuilder()
                .setNamespace(temporal.getNamespace())
                .setMaximumPageSize(1000)
                .build())
        .getExecutionsList()
        .stream()
        .filter(e -> e.getType().getName().equals(MemoryRefreshWorkflow.TYPE))
        .count();
  }

  private Answer refresh(String token, String idempotencyKey, String body) {
    HttpRequest.Builder request =
        http.request("/v1/memory/refresh", token)
            .header("Content-Type", "application/json")
            .POST(HttpCalls.body(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build());
  }

  @Test
  void remembersRecallsAndSearches() {
    Answer created =
        http.postJson(
            "/v1/memory",
            acme,
            "{\"key\":\"campaign:fall_launch:brief\",\"value\":{\"goal\":\"trail shoes for autumn\",\"budget\":5000},"
                + "\"metadata\":{\"campaign\":\"fall_launch\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location"))
        .contains("/v1/memory/campaign:fall_launch:brief");
    assertThat(created.json().get("value").get("budget").asInt()).isEqualTo(5000);
    assertThat(created.json().get("metadata").get("campaign").asString()).isEqualTo("fall_launch");
    assertThat(created.json().get("updated_at").asString()).isNotBlank();

    Answer replaced =
        http.postJson(
            "/v1/memory",
            acme,
            "{\"key\":\"campaign:fall_launch:brief\",\"value\":\"trail shoes, autumn\"}");
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);

    Answer recalled = http.get("/v1/memory/campaign:fall_launch:brief", acme);
    assertThat(recalled.status()).as(recalled.body()).isEqualTo(200);
    assertThat(recalled.json().get("key").asString()).isEqualTo("campaign:fall_launch:brief");
    assertThat(recalled.json().get("value").asString()).isEqualTo("trail shoes, autumn");
    assertThat(recalled.json().get("metadata").size()).isZero();

    http.postJson("/v1/memory", acme, "{\"key\":\"other\",\"value\":[\"beach towels\", 3, true]}");
    Answer found = http.postJson("/v1/memory/search", acme, "{\"query\":\"Trail shoe\"}");
    assertThat(found.status()).as(found.body()).isEqualTo(200);
    assertThat(found.json().get("ranking").asString()).isEqualTo("lexical");
    assertThat(found.json().has("fallback_reason")).isFalse();
    assertThat(found.json().get("matches")).hasSize(1);
    assertThat(found.json().get("matches").get(0).get("key").asString())
        .isEqualTo("campaign:fall_launch:brief");
    assertThat(found.json().get("matches").get(0).get("score").asDouble()).isPositive();
    assertThat(found.json().get("matches").get(0).has("metadata")).isTrue();
  }

  @Test
  void anotherTenantsKeyIsNotFoundAndNeverSearched() {
    http.postJson("/v1/memory", acme, "{\"key\":\"secret-plan\",\"value\":\"moon base\"}");

    assertProblem(http.get("/v1/memory/secret-plan", globex), 404, "no memory entry secret-plan");
    Answer search =
        http.postJson("/v1/memory/search", globex, "{\"query\":\"moon base\",\"limit\":50}");
    assertThat(search.status()).isEqualTo(200);
    assertThat(search.json().get("matches")).isEmpty();
    assertProblem(http.get("/v1/memory/never-written", acme), 404, "no memory entry");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing key | {\"value\":1} | key: is required",
        "missing value | {\"key\":\"k\"} | value: is required",
        "null value | {\"key\":\"k\",\"value\":null} | value: is required",
        "unknown field | {\"key\":\"k\",\"value\":1,\"ttl\":5} | ttl: is not a known field",
        "key not a string | {\"key\":5,\"value\":1} | key: must be a string",
        "bad key chars | {\"key\":\"a b\",\"value\":1} | key: must be 1 to 200 characters of",
        "slash in key | {\"key\":\"a/b\",\"value\":1} | key: must be 1 to 200 characters of",
        "empty key | {\"key\":\"\",\"value\":1} | key",
        "metadata not a map | {\"key\":\"k\",\"value\":1,\"metadata\":[1]} | metadata",
        "metadata value not a string | {\"key\":\"k\",\"value\":1,\"metadata\":{\"a\":1}} | metadata.a: must be a string",
        "metadata null value | {\"key\":\"k\",\"value\":1,\"metadata\":{\"a\":null}} | metadata.a",
        "not an object | [1,2] | body",
        "malformed | {\"key\": | body"
      })
  void rememberRejectsBadInput(String name, String body, String detail) {
    assertProblem(http.postJson("/v1/memory", acme, body), 400, detail);
    assertProblem(http.get("/v1/memory/k", acme), 404, "no memory entry");
  }

  @Test
  void rememberRejectsOversizedValuesAndBodies() {
    String big = "x".repeat(33 * 1024);
    assertProblem(
        http.postJson("/v1/memory", acme, "{\"key\":\"k\",\"value\":\"" + big + "\"}"),
        400,
        "value: must be at most");
    assertProblem(
        http.postJson(
            "/v1/memory", acme, "{\"key\":\"k\",\"value\":\"" + "x".repeat(65 * 1024) + "\"}"),
        413,
        "larger than 64 KiB");
    StringBuilder metadata = new StringBuilder();
    for (int i = 0; i < 33; i++) {
      metadata.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    assertProblem(
        http.postJson(
            "/v1/memory", acme, "{\"key\":\"k\",\"value\":1,\"metadata\":{" + metadata + "}}"),
        400,
        "at most 32 keys");
    assertProblem(
        http.postJson("/v1/memory", acme, "{\"key\":\"" + "k".repeat(201) + "\",\"value\":1}"),
        400,
        "key: must be");
    Answer textPlain =
        http.send(
            http.request("/v1/memory", acme)
                .header("Content-Type", "text/plain")
                .POST(HttpCalls.body("x"))
                .build());
    assertThat(textPlain.status()).isEqualTo(415);
  }

  @Test
  void recallRejectsABadKeyInThePath() {
    assertProblem(http.get("/v1/memory/a%20b", acme), 400, "key: must be 1 to 200 characters of");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing query | {} | query: is required",
        "blank query | {\"query\":\"  \"} | query: must be 1 to 1000",
        "limit zero | {\"query\":\"q\",\"limit\":0} | limit: must be 1 to 50",
        "limit too big | {\"query\":\"q\",\"limit\":51} | limit: must be 1 to 50",
        "limit a string | {\"query\":\"q\",\"limit\":\"5\"} | limit: must be a number",
        "limit a fraction | {\"query\":\"q\",\"limit\":2.5} | limit",
        "query a number | {\"query\":5} | query: must be a string",
        "unknown field | {\"query\":\"q\",\"namespace\":\"x\"} | namespace: is not a known field"
      })
  void searchRejectsBadInput(String name, String body, String detail) {
    assertProblem(http.postJson("/v1/memory/search", acme, body), 400, detail);
  }

  @Test
  void searchRejectsAnOverlongQuery() {
    assertProblem(
        http.postJson("/v1/memory/search", acme, "{\"query\":\"" + "q".repeat(1001) + "\"}"),
        400,
        "query: must be 1 to 1000");
  }

  @Test
  void everyEndpointNeedsItsCapability() {
    assertProblem(
        http.postJson("/v1/memory", sessionsOnly, "{\"key\":\"k\",\"value\":1}"),
        403,
        "memory:write");
    assertProblem(http.get("/v1/memory/k", sessionsOnly), 403, "memory:read");
    assertProblem(
        http.postJson("/v1/memory/search", sessionsOnly, "{\"query\":\"q\"}"), 403, "memory:read");
    assertProblem(
        refresh(globex, "run-1", "{\"campaign\":\"fall_launch\"}"), 403, "memory:refresh");
    assertThat(http.get("/v1/memory/k", null).status()).isEqualTo(401);
  }

  @Test
  void aRefreshWithTheSameKeyStartsOneWorkflow() {
    long before = refreshesStarted();

    Answer first = refresh(acme, "airflow-run-7", "{\"campaign\":\"fall_launch\",\"force\":true}");
    Answer again = refresh(acme, "airflow-run-7", "{\"campaign\":\"fall_launch\",\"force\":true}");

    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    assertThat(again.json().get("workflow_id").asString())
        .isEqualTo(first.json().get("workflow_id").asString());
    assertThat(again.json().get("status").asString()).isEqualTo("RUNNING");
    assertThat(refreshesStarted()).isEqualTo(before + 1);

    assertProblem(
        refresh(acme, "airflow-run-7", "{\"campaign\":\"fall_launch\",\"force\":false}"),
        422,
        "Idempotency-Key");
    Answer other = refresh(acme, "airflow-run-8", "{\"campaign\":\"fall_launch\",\"force\":true}");
    assertThat(other.json().get("workflow_id").asString())
        .isNotEqualTo(first.json().get("workflow_id").asString());
    assertThat(refreshesStarted()).isEqualTo(before + 2);
  }

  @Test
  void aRefreshWithoutAKeyJoinsTheRunningOne() {
    long before = refreshesStarted();

    Answer first = refresh(acme, null, "{\"campaign\":\"spring_sale\"}");
    Answer joined = refresh(acme, null, "{\"campaign\":\"spring_sale\",\"force\":true}");

    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(joined.json().get("workflow_id").asString())
        .isEqualTo(first.json().get("workflow_id").asString());
    assertThat(refreshesStarted()).isEqualTo(before + 1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing campaign | {} | campaign: is required",
        "blank campaign | {\"campaign\":\" \"} | campaign: must be 1 to 200",
        "force a string | {\"campaign\":\"c\",\"force\":\"yes\"} | force: must be a boolean",
        "force a number | {\"campaign\":\"c\",\"force\":1} | force",
        "campaign a number | {\"campaign\":7} | campaign: must be a string",
        "unknown field | {\"campaign\":\"c\",\"dag\":\"x\"} | dag: is not a known field"
      })
  void aBadRefreshStartsNothing(String name, String body, String detail) {
    long before = refreshesStarted();

    assertProblem(refresh(acme, "run-bad", body), 400, detail);

    assertThat(refreshesStarted()).isEqualTo(before);
  }

  @Test
  void aTooLongCampaignOrBadIdempotencyKeyStartsNothing() {
    long before = refreshesStarted();

    assertProblem(
        refresh(acme, "run-x", "{\"campaign\":\"" + "c".repeat(201) + "\"}"),
        400,
        "campaign: must be");
    assertProblem(refresh(acme, "k".repeat(256), "{\"campaign\":\"c\"}"), 400, "Idempotency-Key");

    assertThat(refreshesStarted()).isEqualTo(before);
  }
}
