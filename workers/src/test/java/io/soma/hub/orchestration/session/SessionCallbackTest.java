package io.soma.hub.orchestration.session;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import io.soma.hub.orchestration.callback.CallbackActivitiesImpl;
import io.soma.hub.orchestration.callback.CallbackDestinations;
import io.soma.hub.orchestration.callback.CallbackSecrets;
import io.soma.hub.orchestration.callback.CallbackWorkflowImpl;
import io.soma.hub.orchestration.model.OfflineModelProvider;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session started with a callback URL POSTs its ending there, signed as Standard Webhooks
 * specifies, from a child workflow the session does not wait for. The receiver is WireMock: the
 * user's server, which the hub does not run.
 */
class SessionCallbackTest {

  private static final String KEY = "a-test-callback-key-that-is-at-least-32-bytes";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  @RegisterExtension
  static final WireMockExtension receiver =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final HubStoreFixture store = HubStoreFixture.migrated();

  @Test
  void aCompletedSessionPostsItsResultSignedWithTheTenantsSecret(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    register(env, worker, true);
    receiver.stubFor(post("/hooks/session").willReturn(ok()));
    SessionRequest request =
        withCallback(Sessions.request("Draft a plan."), receiver.url("/hooks/session"));

    SessionResult result = start(client, options, request).getResult(SessionResult.class);

    LoggedRequest delivered = deliveredOnce("/hooks/session");
    Map<String, List<String>> headers =
        delivered.getHeaders().all().stream()
            .collect(Collectors.toMap(h -> h.key().toLowerCase(), h -> h.values(), (a, b) -> a));
    String secret = CallbackSecrets.fromKey(KEY).forTenant(request.tenant());
    new Webhook(secret).verify(delivered.getBodyAsString(), headers);
    assertThat(headers.get("webhook-id")).containsExactly("msg_" + request.sessionId());
    JsonNode body = JSON.readTree(delivered.getBodyAsString());
    assertThat(body.get("type").asText()).isEqualTo("session.completed");
    assertThat(body.get("session_id").asText()).isEqualTo(request.sessionId());
    assertThat(body.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(body.get("reply").asText()).isEqualTo(result.reply());
    assertThat(body.has("reason")).isFalse();
    assertThatThrownBy(
            () ->
                new Webhook(CallbackSecrets.fromKey(KEY).forTenant("globex"))
                    .verify(delivered.getBodyAsString(), headers))
        .as("another tenant's secret does not verify it")
        .hasMessageContaining("No matching signature");
  }

  @Test
  void aFailingReceiverGetsTheSameMessageAgainUntilItAccepts(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    register(env, worker, true);
    receiver.stubFor(
        post("/flaky")
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("second"));
    receiver.stubFor(
        post("/flaky")
            .inScenario("flaky")
            .whenScenarioStateIs("second")
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("third"));
    receiver.stubFor(
        post("/flaky").inScenario("flaky").whenScenarioStateIs("third").willReturn(ok()));
    SessionRequest request =
        withCallback(Sessions.request("Draft a plan."), receiver.url("/flaky"));

    start(client, options, request).getResult(SessionResult.class);

    await().untilAsserted(() -> receiver.verify(3, postRequestedFor(urlEqualTo("/flaky"))));
    WorkflowStub delivery =
        client.newUntypedWorkflowStub(SessionIds.workflowId(request.sessionId()) + "/callback");
    delivery.getResult(Void.class);
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/flaky"))))
        .extracting(r -> r.getHeader("webhook-id"))
        .containsOnly("msg_" + request.sessionId());
  }

  @Test
  void aReceiverThatIsGoneStopsTheRetriesAndTheSessionStaysCompleted(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    register(env, worker, true);
    receiver.stubFor(post("/gone").willReturn(aResponse().withStatus(410)));
    SessionRequest request = withCallback(Sessions.request("Draft a plan."), receiver.url("/gone"));

    WorkflowStub session = start(client, options, request);
    session.getResult(SessionResult.class);

    WorkflowStub delivery =
        client.newUntypedWorkflowStub(SessionIds.workflowId(request.sessionId()) + "/callback");
    assertThatThrownBy(() -> delivery.getResult(Void.class))
        .isInstanceOf(WorkflowFailedException.class);
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/gone")))).hasSize(1);
    assertThat(session.describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void outsideLocalModeAnInternalAddressIsNeverCalled(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    register(env, worker, false);
    receiver.stubFor(post("/internal").willReturn(ok()));
    // What the gateway refuses too; the worker checks again (every address of the host) before
    // every attempt.
    SessionRequest request =
        withCallback(
            Sessions.request("Draft a plan."),
            "https://127.0.0.1:" + receiver.getPort() + "/internal");

    start(client, options, request).getResult(SessionResult.class);

    WorkflowStub delivery =
        client.newUntypedWorkflowStub(SessionIds.workflowId(request.sessionId()) + "/callback");
    assertThatThrownBy(() -> delivery.getResult(Void.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasStackTraceContaining("CallbackDestinationRefused");
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/internal")))).isEmpty();
  }

  @Test
  void aSessionWithoutCallbackStartsNoChildAndACallbackHistoryReplays(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    register(env, worker, true);
    receiver.stubFor(post("/replayed").willReturn(ok()));
    SessionRequest plain = Sessions.request("Draft a plan.");
    SessionRequest calling =
        withCallback(Sessions.request("Draft a plan."), receiver.url("/replayed"));

    start(client, options, plain).getResult(SessionResult.class);
    start(client, options, calling).getResult(SessionResult.class);

    assertThat(eventTypes(client, plain))
        .doesNotContain(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED);
    assertThat(eventTypes(client, calling))
        .contains(
            EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
            EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED);
    assertThat(eventTypes(client, calling))
        .as(
            "the child's start and its confirmation in one more workflow task: what docs/architecture.md states")
        .hasSize(eventTypes(client, plain).size() + 5);
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(SessionIds.workflowId(calling.sessionId())), SessionWorkflowImpl.class);
  }

  private List<EventType> eventTypes(WorkflowClient client, SessionRequest request) {
    WorkflowExecutionHistory history =
        client.fetchHistory(SessionIds.workflowId(request.sessionId()));
    return history.getEvents().stream().map(e -> e.getEventType()).toList();
  }

  private void register(TestWorkflowEnvironment env, Worker worker, boolean localMode) {
    worker.registerWorkflowImplementationTypes(
        SessionWorkflowImpl.class, CallbackWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        Sessions.activities(store, new OfflineModelProvider()),
        new CallbackActivitiesImpl(
            CallbackSecrets.fromKey(KEY), new CallbackDestinations(localMode), Clock.systemUTC()));
    env.start();
  }

  private static WorkflowStub start(
      WorkflowClient client, WorkflowOptions options, SessionRequest request) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            SessionWorkflow.TYPE, Sessions.startOptions(options, request));
    stub.start(request);
    return stub;
  }

  private static LoggedRequest deliveredOnce(String path) {
    await().untilAsserted(() -> receiver.verify(1, postRequestedFor(urlEqualTo(path))));
    return receiver.findAll(postRequestedFor(urlEqualTo(path))).get(0);
  }

  private static SessionRequest withCallback(SessionRequest request, String url) {
    return new SessionRequest(
        request.sessionId(),
        request.tenant(),
        request.subject(),
        request.capabilities(),
        request.prompt(),
        request.capsuleId(),
        request.metadata(),
        url,
        null);
  }
}
