package io.soma.hub.functions.http;

import static io.soma.hub.functions.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.HttpCalls.Answer;
import io.soma.hub.functions.support.TemporalTestServer;
import io.soma.hub.functions.support.TestTokens;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The gateway over real HTTP with an HS256 key: every bad input and bad token has a defined answer.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_JWT_SECRET=" + TestTokens.SECRET,
      "HUB_DB_URL=jdbc:h2:mem:gateway-http;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
    })
@Import(GatewayTestConfiguration.class)
class GatewayHttpTest {

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment temporal;
  HttpCalls http;
  final String writer = TestTokens.hs256("acme", "ann", "sessions:write", "sessions:read");

  @BeforeEach
  void client() {
    http = new HttpCalls(port);
  }

  private long started() {
    return TemporalTestServer.startedSessions(temporal);
  }

  @Test
  void createsASessionAndReadsItBack() {
    Answer created =
        http.postJson(
            "/v1/sessions", writer, "{\"prompt\":\"Plan a launch\",\"metadata\":{\"a\":\"b\"}}");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("session_id").asString();
    assertThat(created.headers().firstValue("Location")).contains("/v1/sessions/" + id);
    assertThat(created.json().get("status").asString()).isEqualTo("accepted");
    assertThat(created.json().get("moderation").get("strike_count").asInt()).isZero();
    assertThat(created.json().get("moderation").get("bypassed").asBoolean()).isFalse();

    Answer read = http.get("/v1/sessions/" + id, writer);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("status").asString()).isEqualTo("RUNNING");
    assertThat(read.json().get("steps")).hasSize(4);
  }

  @Test
  void anIdempotentRetryAnswers200WithTheSameSession() {
    HttpRequest.Builder request =
        http.request("/v1/sessions", writer)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "airflow-run-42")
            .POST(HttpCalls.body("{\"prompt\":\"warm up\"}"));
    Answer first = http.send(request.build());
    long afterFirst = started();
    Answer again = http.send(request.build());

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("session_id")).isEqualTo(first.json().get("session_id"));
    assertThat(started()).isEqualTo(afterFirst);
  }

  @Test
  void anotherTenantsSessionIsNotFound() {
    String id =
        http.postJson("/v1/sessions", writer, "{\"prompt\":\"hello\"}")
            .json()
            .get("session_id")
            .asString();
    String intruder = TestTokens.hs256("globex", "mallory", "sessions:read");

    assertProblem(http.get("/v1/sessions/" + id, intruder), 404, "no session");
  }

  @Test
  void aBlockedPromptIs403WithTheModerationVerdict() {
    long before = started();
    Answer blocked =
        http.postJson(
            "/v1/sessions",
            TestTokens.hs256("acme", "eve", "sessions:write"),
            "{\"prompt\":\"build a JAILBREAK\"}");

    assertProblem(blocked, 403, "blocked by moderation");
    assertThat(blocked.json().get("strike_count").asInt()).isEqualTo(1);
    assertThat(blocked.json().get("flagged_terms").get(0).asString()).isEqualTo("jailbreak");
    assertThat(blocked.json().get("reasons")).isNotEmpty();
    assertThat(started()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "malformed JSON             | {\"prompt\": \"unterminated                 | 400 | not well-formed JSON",
        "prompt is a number         | {\"prompt\": 12}                           | 400 | prompt: must be a string",
        "prompt is null             | {\"prompt\": null}                         | 400 | prompt: is required",
        "metadata is a string       | {\"prompt\": \"hi\", \"metadata\": \"x\"}  | 400 | metadata",
        "metadata value is a number | {\"prompt\": \"hi\", \"metadata\": {\"a\": 1}} | 400 | metadata.a: must be a string",
        "capsule_id is a bool       | {\"prompt\": \"hi\", \"capsule_id\": true} | 400 | capsule_id: must be a string",
        "missing prompt             | {\"capsule_id\": \"c1\"}                   | 400 | prompt: is required",
        "unknown field              | {\"prompt\": \"hi\", \"tenant_id\": \"globex\"} | 400 | tenant_id: is not a known field",
        "empty prompt               | {\"prompt\": \"\"}                         | 400 | prompt",
        "blank prompt               | {\"prompt\": \"   \"}                      | 400 | prompt: must be 1 to 16000",
        "array body                 | [1, 2]                                     | 400 | body",
        "JSON null body             | null                                       | 400 | body: a JSON object is required",
        "trailing garbage           | {\"prompt\": \"hi\"} {}                    | 400 | body",
      })
  void badBodiesAre400AndStartNothing(String name, String body, int status, String detail) {
    long before = started();

    assertProblem(http.postJson("/v1/sessions", writer, body), status, detail);
    assertThat(started()).isEqualTo(before);
  }

  @Test
  void promptLengthLimitsAreExact() {
    long before = started();
    assertProblem(
        http.postJson("/v1/sessions", writer, "{\"prompt\":\"" + "a".repeat(16_001) + "\"}"),
        400,
        "must be 1 to 16000 characters");
    assertThat(started()).isEqualTo(before);

    assertThat(
            http.postJson("/v1/sessions", writer, "{\"prompt\":\"" + "a".repeat(16_000) + "\"}")
                .status())
        .isEqualTo(201);
  }

  @Test
  void fortyMetadataKeysAreTooMany() {
    String metadata =
        IntStream.range(0, 40)
            .mapToObj(i -> "\"k" + i + "\":\"v\"")
            .collect(Collectors.joining(",", "{", "}"));
    long before = started();

    assertProblem(
        http.postJson("/v1/sessions", writer, "{\"prompt\":\"hi\",\"metadata\":" + metadata + "}"),
        400,
        "at most 32 keys");
    assertThat(started()).isEqualTo(before);
  }

  @Test
  void anEmptyBodyIs400() {
    assertProblem(http.postJson("/v1/sessions", writer, ""), 400, "a JSON object is required");
  }

  @Test
  void aBodyOver64KiBIs413() {
    long before = started();
    String huge = "{\"prompt\":\"hi\",\"capsule_id\":\"" + "x".repeat(65 * 1024) + "\"}";

    assertProblem(http.postJson("/v1/sessions", writer, huge), 413, "larger than 64 KiB");
    assertThat(started()).isEqualTo(before);
  }

  @Test
  void aNonJsonContentTypeIs415() {
    long before = started();
    Answer plain =
        http.send(
            http.request("/v1/sessions", writer)
                .header("Content-Type", "text/plain")
                .POST(HttpCalls.body("{\"prompt\":\"hi\"}"))
                .build());
    Answer none =
        http.send(
            http.request("/v1/sessions", writer)
                .POST(HttpCalls.body("{\"prompt\":\"hi\"}"))
                .build());

    assertProblem(plain, 415, "must be application/json");
    assertProblem(none, 415, "must be application/json");
    assertThat(started()).isEqualTo(before);
  }

  @Test
  void tokensThatMustNotPass() {
    JWTClaimsSet good = TestTokens.claims("acme", "ann", "sessions:write").build();
    JWTClaimsSet expired =
        new JWTClaimsSet.Builder(good)
            .issueTime(Date.from(Instant.now().minusSeconds(900)))
            .expirationTime(Date.from(Instant.now().minusSeconds(180)))
            .build();
    JWTClaimsSet noTenant = new JWTClaimsSet.Builder(good).claim("tenant_id", null).build();
    JWTClaimsSet noExp = new JWTClaimsSet.Builder(good).expirationTime(null).build();
    JWTClaimsSet capsNotArray =
        new JWTClaimsSet.Builder(good).claim("capabilities", "sessions:write").build();
    long before = started();

    assertProblem(
        http.postJson("/v1/sessions", null, "{\"prompt\":\"hi\"}"),
        401,
        "bearer token is required");
    assertProblem(
        http.postJson("/v1/sessions", "not-a-jwt", "{\"prompt\":\"hi\"}"), 401, "not valid");
    assertProblem(
        http.postJson(
            "/v1/sessions", TestTokens.hs256(expired, TestTokens.SECRET), "{\"prompt\":\"hi\"}"),
        401,
        "expired");
    assertProblem(
        http.postJson("/v1/sessions", TestTokens.unsigned(good), "{\"prompt\":\"hi\"}"),
        401,
        "not valid");
    assertProblem(
        http.postJson(
            "/v1/sessions",
            TestTokens.hs256(good, "another-secret-that-is-also-32-bytes-long!"),
            "{\"prompt\":\"hi\"}"),
        401,
        "not valid");
    assertProblem(
        http.postJson(
            "/v1/sessions", TestTokens.hs256(noTenant, TestTokens.SECRET), "{\"prompt\":\"hi\"}"),
        401,
        "tenant_id");
    assertProblem(
        http.postJson(
            "/v1/sessions", TestTokens.hs256(noExp, TestTokens.SECRET), "{\"prompt\":\"hi\"}"),
        401,
        "exp");
    assertProblem(
        http.postJson(
            "/v1/sessions",
            TestTokens.hs256(capsNotArray, TestTokens.SECRET),
            "{\"prompt\":\"hi\"}"),
        401,
        "capabilities");
    assertThat(http.get("/v1/status", null).headers().firstValue("WWW-Authenticate"))
        .contains("Bearer");
    assertThat(started()).isEqualTo(before);
  }

  @Test
  void aMissingCapabilityIs403() {
    long before = started();
    Answer answer =
        http.postJson(
            "/v1/sessions",
            TestTokens.hs256("acme", "ann", "sessions:read"),
            "{\"prompt\":\"hi\"}");

    assertProblem(answer, 403, "lacks the capability sessions:write");
    assertThat(started()).isEqualTo(before);
    assertProblem(
        http.get("/v1/sessions/" + java.util.UUID.randomUUID(), TestTokens.hs256("acme", "ann")),
        403,
        "sessions:read");
  }

  @Test
  void statusAnswersAnyValidTokenWithItsTenant() {
    Answer status = http.get("/v1/status", TestTokens.hs256("acme", "ann"));

    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().get("tenant").asString()).isEqualTo("acme");
    assertThat(status.json().get("state").asString()).isEqualTo("ready");
    assertThat(status.json().has("k_service")).isTrue();
    assertThat(status.json().has("k_revision")).isTrue();
  }

  @Test
  void healthAndMetricsAreAnonymous() {
    assertThat(http.get("/health", null).status()).isEqualTo(200);
    assertThat(http.get("/health/liveness", null).status()).isEqualTo(200);
    assertThat(http.get("/health/readiness", null).status()).isEqualTo(200);
    http.postJson("/v1/sessions", writer, "{\"prompt\":\"count me\"}");

    Answer metrics = http.get("/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("gateway_moderation_decisions_total{outcome=\"allowed\",tenant=\"acme\"}")
        .contains("gateway_workflow_start_seconds_count")
        .contains("http_server_requests_seconds_count")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void containerErrorsKeepTheirStatusAsProblems() {
    Answer json =
        http.send(
            http.request("/metrics", null).header("Accept", "application/json").GET().build());

    assertProblem(json, 406, "Accept");
  }

  @ParameterizedTest
  @CsvSource({
    "/v1/sessions/a%2Fb",
    "/v1/sessions/%00",
    "/v1/%5C",
    "/v1/sessions/abc;x=1",
    "//v1/status"
  })
  void pathsRefusedBeforeAnyFunctionAreProblemsToo(String path) {
    assertProblem(http.get(path, writer), 400, "");
  }

  @Test
  void unknownPathsAreNotFoundAndFunctionsAreNotExportedByName() {
    assertProblem(http.get("/nope", null), 404, "no endpoint");
    assertProblem(
        http.postJson("/createSession", writer, "{\"prompt\":\"hi\"}"), 404, "no endpoint");
    assertProblem(http.get("/v1/nope", writer), 404, "no endpoint");
  }

  @Test
  void aWrongMethodIs405WithAllow() {
    Answer answer =
        http.send(
            http.request("/v1/sessions/" + UUID.randomUUID() + "/cancel", writer).GET().build());

    assertProblem(answer, 405, "GET is not supported");
    assertThat(answer.headers().firstValue("Allow")).contains("POST, OPTIONS");
    Answer sessions = http.send(http.request("/v1/sessions", writer).DELETE().build());
    assertProblem(sessions, 405, "DELETE is not supported");
    assertThat(sessions.headers().firstValue("Allow")).contains("POST, GET, HEAD, OPTIONS");
  }
}
