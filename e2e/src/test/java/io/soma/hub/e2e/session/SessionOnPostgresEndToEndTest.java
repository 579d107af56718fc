package io.soma.hub.e2e.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.e2e.support.ClusterLikeHub;
import io.soma.hub.e2e.support.HubStoreRows;
import io.soma.hub.e2e.support.HubWorkflows;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.OpenAiModelStub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import io.soma.hub.e2e.support.SessionRecords;
import io.soma.hub.orchestration.session.SessionIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub as a cluster runs it: the hub store on PostgreSQL, an OpenAI-compatible model provider
 * (WireMock in this JVM), the real jars on a real Temporal dev server. One hub serves every test
 * here.
 */
@RequiresHubJars
class SessionOnPostgresEndToEndTest {

  private static final String MODEL = "e2e-chat";
  private static final String SERVED_MODEL = "e2e-chat-2025-06-01";
  private static final String API_KEY = "sk-e2e-" + UUID.randomUUID();
  private static final Duration FINISH = Duration.ofMinutes(2);

  private static ClusterLikeHub cluster;
  private static OpenAiModelStub model;
  private static LocalHub hub;
  private static HubStoreRows store;

  @BeforeAll
  static void startTheHub() {
    cluster = ClusterLikeHub.start(OpenAiModelStub.start(SERVED_MODEL), MODEL, API_KEY);
    model = cluster.model();
    hub = cluster.hub();
    store = cluster.store();
  }

  @AfterAll
  static void stopTheHub() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aSessionIsAnsweredByTheModelProviderAndRecordedOnce() {
    JsonHttp ann = caller("acme", "ann", "sessions:write", "sessions:read");
    String prompt = "Outline a launch plan for product " + UUID.randomUUID();

    String sessionId = SessionCalls.create(ann, prompt);
    JsonNode session = SessionCalls.awaitFinished(ann, sessionId, FINISH);

    assertThat(session.get("status").asText()).as(session.toString()).isEqualTo("COMPLETED");
    assertThat(session.get("steps").findValuesAsText("status"))
        .hasSize(4)
        .containsOnly("COMPLETED");
    assertThat(model.callsFor(prompt))
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.model()).isEqualTo(MODEL);
              assertThat(call.authorization()).isEqualTo("Bearer " + API_KEY);
              assertThat(call.request().get("messages").toString())
                  .contains("{\"role\":\"user\",\"content\":\"" + prompt + "\"}");
              assertThat(session.at("/result/reply").asText()).isEqualTo(call.reply());
            });
    assertThat(session.at("/result/model").asText()).isEqualTo(SERVED_MODEL);
    assertThat(session.at("/result/provider").asText()).isEqualTo("openai-compatible");
    SessionRecords.assertCompletedOnce(store, hub.workflows(), "acme", session);
  }

  @Test
  void concurrentRequestsWithOneIdempotencyKeyStartOneSession() throws Exception {
    String key = "e2e-" + UUID.randomUUID();
    JsonHttp bob =
        caller("initech", "bob", "sessions:write", "sessions:read").header("Idempotency-Key", key);
    String prompt = "Draft the quarterly report " + UUID.randomUUID();

    List<JsonHttp.Response> responses = postAtOnce(bob, Map.of("prompt", prompt), 20);

    assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 201));
    assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
    List<String> sessionIds =
        responses.stream().map(r -> r.json().get("session_id").asText()).distinct().toList();
    assertThat(sessionIds).hasSize(1);
    String sessionId = sessionIds.get(0);
    JsonNode session = SessionCalls.awaitFinished(bob, sessionId, FINISH);
    assertThat(model.callsFor(prompt)).as("model calls for the one session").hasSize(1);
    SessionRecords.assertCompletedOnce(store, hub.workflows(), "initech", session);
    // Visibility trails the workflow; once it shows the run closed, it has also seen every run
    // started before.
    List<WorkflowExecutionMetadata> runs =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> hub.workflows().runsOfSession(sessionId),
                found ->
                    !found.isEmpty()
                        && found.stream().noneMatch(SessionOnPostgresEndToEndTest::running));
    assertThat(runs).as("workflows with the session's id").hasSize(1);
    assertThat(
            bob.post("/v1/sessions", Map.of("prompt", "another request under the same key"))
                .status())
        .as("the key reused for a different request")
        .isEqualTo(422);
  }

  @Test
  void badRequestsAnswerProblemsAndStartNoWorkflow() {
    JsonHttp ann = caller("acme", "ann", "sessions:write", "sessions:read");
    JsonHttp annReadOnly = caller("acme", "ann", "sessions:read");
    String othersSession =
        SessionCalls.create(caller("globex", "eve", "sessions:write"), "globex's own session");
    long sessionWorkflowsBefore =
        visibleSessionWorkflowsAfter(SessionCalls.create(ann, "a marker before"));
    String oversized = "{\"prompt\":\"" + "a".repeat(65 * 1024) + "\"}";
    Map<String, String> keys = new LinkedHashMap<>();
    for (String name : List.of("malformed", "oversized", "plain text", "no capability")) {
      keys.put(name, "bad-" + name + "-" + UUID.randomUUID());
    }

    assertProblem(
        ann.header("Idempotency-Key", keys.get("malformed"))
            .post("/v1/sessions", "{\"prompt\": \"hi"),
        400);
    assertProblem(
        ann.header("Idempotency-Key", keys.get("oversized")).post("/v1/sessions", oversized), 413);
    assertProblem(
        ann.header("Idempotency-Key", keys.get("plain text"))
            .header("Content-Type", "text/plain")
            .post("/v1/sessions", "{\"prompt\":\"hi\"}"),
        415);
    assertProblem(
        annReadOnly
            .header("Idempotency-Key", keys.get("no capability"))
            .post("/v1/sessions", Map.of("prompt", "hi")),
        403);
    assertProblem(ann.get("/v1/sessions/" + othersSession), 404);

    keys.forEach(
        (name, key) ->
            assertThat(
                    hub.workflows()
                        .sessionWorkflowExists(SessionIds.fromIdempotencyKey("acme", key)))
                .as("a workflow for the %s request", name)
                .isFalse());
    long sessionWorkflowsAfter =
        visibleSessionWorkflowsAfter(SessionCalls.create(ann, "a marker after"));
    assertThat(sessionWorkflowsAfter)
        .as("session workflows, the marker after included")
        .isEqualTo(sessionWorkflowsBefore + 1);
  }

  private static void assertProblem(JsonHttp.Response response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.json().get("status").asInt()).isEqualTo(status);
    assertThat(response.json().get("detail").asText()).as(response.toString()).isNotBlank();
  }

  /**
   * The number of session workflows visibility shows once it shows the marker session: visibility
   * trails the starts a little, in the order they happened.
   */
  private static long visibleSessionWorkflowsAfter(String markerSessionId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !hub.workflows().runsOfSession(markerSessionId).isEmpty());
    return hub.workflows().count(HubWorkflows.SESSION_WORKFLOWS);
  }

  private static boolean running(WorkflowExecutionMetadata run) {
    return run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  private JsonHttp caller(String tenant, String subject, String... capabilities) {
    return hub.gateway().as(hub.tokens().mint(tenant, subject, capabilities));
  }

  /** The same request from {@code parallel} threads released together. */
  private static List<JsonHttp.Response> postAtOnce(JsonHttp caller, Object body, int parallel)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(parallel);
    try {
      CyclicBarrier start = new CyclicBarrier(parallel);
      List<Future<JsonHttp.Response>> pending = new ArrayList<>();
      for (int i = 0; i < parallel; i++) {
        pending.add(
            threads.submit(
                () -> {
                  start.await();
                  return caller.post("/v1/sessions", body);
                }));
      }
      List<JsonHttp.Response> responses = new ArrayList<>();
      for (Future<JsonHttp.Response> response : pending) {
        responses.add(response.get(60, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      threads.shutdownNow();
    }
  }
}
