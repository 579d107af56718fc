package io.soma.hub.orchestration.session;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.orchestration.model.OfflineModelProvider;
import io.soma.hub.orchestration.model.OpenAiCompatibleProvider;
import io.soma.hub.orchestration.session.SessionStep.Status;
import io.soma.hub.orchestration.token.TokenGrant;
import io.soma.hub.store.SessionCompletions.Completion;
import io.soma.hub.store.SessionEvents;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SessionWorkflowTest {

  private static final String COMPLETIONS = "/v1/chat/completions";

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(SessionWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @RegisterExtension
  static final WireMockExtension provider =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final HubStoreFixture store = HubStoreFixture.migrated();

  @Test
  void completesWithTheOfflineProviderAndRecordsTheReplyAndAudit(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(
        Sessions.activities(store, new OfflineModelProvider()));
    env.start();
    SessionRequest request =
        Sessions.request("Plan the spring launch campaign for the spring catalogue.");
    SessionWorkflow session =
        client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request));
    store.slots().claim(request.tenant(), request.sessionId(), 10, Duration.ofHours(1));

    SessionResult result = session.run(request);

    assertThat(result.sessionId()).isEqualTo(request.sessionId());
    assertThat(result.provider()).isEqualTo("offline");
    assertThat(result.reply()).contains("9 words").contains("spring");
    assertThat(result.steps())
        .extracting(SessionStep::status)
        .containsOnly(Status.COMPLETED)
        .hasSize(4);
    assertThat(result.auditEventId()).isEqualTo(request.sessionId() + ":session.completed");
    assertThat(store.completions().find(request.sessionId()))
        .map(Completion::reply)
        .contains(result.reply());
    String audit = store.auditPayload(result.auditEventId());
    assertThat(audit)
        .contains("\"kind\":\"session.completed\"", "\"token_id\"", "\"provider\":\"offline\"");
    assertThat(audit).doesNotContain("eyJ");
    assertThat(store.slots().running(request.tenant()))
        .as("the quota slot, freed by the last step")
        .isZero();
  }

  @Test
  void theModelCallIsRecordedAsEventsTokenByTokenForWhoeverWatches(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    worker.registerActivitiesImplementations(
        Sessions.activities(store, new OfflineModelProvider()));
    env.start();
    SessionRequest request = Sessions.request("Draft the release notes for version two.");
    SessionWorkflow session =
        client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request));

    SessionResult result = session.run(request);

    List<SessionEvents.Event> events =
        store.events().after(request.tenant(), request.sessionId(), 0, 1000);
    assertThat(events.get(0))
        .isEqualTo(new SessionEvents.Event(3, "model.started", "{\"turn\":1,\"attempt\":1}"));
    assertThat(events.get(events.size() - 1))
        .isEqualTo(
            new SessionEvents.Event(
                events.size() + 2,
                "model.completed",
                "{\"turn\":1,\"model\":\"soma-offline-extractive\",\"provider\":\"offline\"}"));
    List<SessionEvents.Event> tokens = events.subList(1, events.size() - 1);
    assertThat(tokens)
        .hasSizeGreaterThan(10)
        .extracting(SessionEvents.Event::kind)
        .containsOnly("token");
    StringBuilder text = new StringBuilder();
    for (SessionEvents.Event token : tokens) {
      text.append(new ObjectMapper().readTree(token.data()).get("text").asText());
    }
    assertThat(text.toString()).isEqualTo(result.reply());
    assertThat(store.events().after("globex", request.sessionId(), 0, 1000)).isEmpty();
  }

  @Test
  void theQueryAndTheMemoShowProgressWhileAStepRuns(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws InterruptedException {
    BlockingProvider blocking = new BlockingProvider();
    worker.registerActivitiesImplementations(Sessions.activities(store, blocking));
    env.start();
    SessionRequest request = Sessions.request("Summarise our quarterly numbers.");
    SessionWorkflow session =
        client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request));
    WorkflowClient.start(session::run, request);
    assertThat(blocking.entered.await(30, TimeUnit.SECONDS)).isTrue();

    List<SessionStep> expected =
        List.of(
            new SessionStep(SessionStep.POLICY, Status.COMPLETED),
            new SessionStep(SessionStep.SCOPED_TOKEN, Status.COMPLETED),
            new SessionStep(SessionStep.MODEL_COMPLETION, Status.RUNNING),
            new SessionStep(SessionStep.AUDIT, Status.PENDING));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(session.steps()).isEqualTo(expected));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(memoSteps(session)).isEqualTo(expected));

    blocking.release.countDown();
    SessionResult result = WorkflowStub.fromTyped(session).getResult(SessionResult.class);
    assertThat(result.steps()).extracting(SessionStep::status).containsOnly(Status.COMPLETED);
    assertThat(session.steps()).isEqualTo(result.steps());
    assertThat(memoSteps(session)).isEqualTo(result.steps());
  }

  @Test
  void aPolicyDenialFailsTheSessionAndAuditsTheRejection(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(
        Sessions.activities(store, new OfflineModelProvider()));
    env.start();
    SessionRequest request = Sessions.request(Sessions.DENIED_TENANT, "Anything at all.");
    SessionWorkflow session =
        client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request));
    store.slots().claim(request.tenant(), request.sessionId(), 10, Duration.ofHours(1));

    assertThatThrownBy(() -> session.run(request))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(SessionFailures.POLICY_DENIED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .contains("blocked-tenant", "HUB_POLICY_DENIED_TENANTS");
            });

    String audit = store.auditPayload(request.sessionId() + ":session.rejected");
    assertThat(audit).contains("\"kind\":\"session.rejected\"", "HUB_POLICY_DENIED_TENANTS");
    assertThat(store.completionsRecordedFor(request.sessionId())).isZero();
    assertThat(store.slots().running(request.tenant()))
        .as("the quota slot, freed by the audit step")
        .isZero();
    assertThat(memoSteps(session))
        .containsExactly(
            new SessionStep(SessionStep.POLICY, Status.FAILED),
            new SessionStep(SessionStep.SCOPED_TOKEN, Status.PENDING),
            new SessionStep(SessionStep.MODEL_COMPLETION, Status.PENDING),
            new SessionStep(SessionStep.AUDIT, Status.COMPLETED));
  }

  @Test
  void aProviderThatFailsTwiceWith503IsRetriedAndTheReplyRecordedOnce(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    provider.stubFor(
        post(COMPLETIONS)
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withBody("overloaded"))
            .willSetStateTo("failed once"));
    provider.stubFor(
        post(COMPLETIONS)
            .inScenario("flaky")
            .whenScenarioStateIs("failed once")
            .willReturn(aResponse().withStatus(503).withBody("still overloaded"))
            .willSetStateTo("failed twice"));
    provider.stubFor(
        post(COMPLETIONS)
            .inScenario("flaky")
            .whenScenarioStateIs("failed twice")
            .willReturn(okCompletion("Here is your plan.")));
    worker.registerActivitiesImplementations(Sessions.activities(store, remoteProvider()));
    env.start();
    SessionRequest request = Sessions.request("Draft a plan.");
    SessionWorkflow session =
        client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request));

    SessionResult result = session.run(request);

    assertThat(result.reply()).isEqualTo("Here is your plan.");
    assertThat(result.provider()).isEqualTo(OpenAiCompatibleProvider.PROVIDER);
    assertThat(result.model()).isEqualTo("test-model");
    provider.verify(exactly(3), postRequestedFor(urlEqualTo(COMPLETIONS)));
    assertThat(store.completionsRecordedFor(request.sessionId())).isEqualTo(1);
  }

  @Test
  void aCompletionWhoseWorkerStopsHeartbeatingIsRetriedAfterTheHeartbeatTimeout(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws InterruptedException {
    FrozenFirstAttempt provider = new FrozenFirstAttempt();
    worker.registerActivitiesImplementations(Sessions.activities(store, provider));
    env.start();
    SessionRequest request = Sessions.request("Draft a plan.");
    SessionWorkflow session =
        client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request));

    try {
      WorkflowClient.start(session::run, request);
      assertThat(provider.retried.await(60, TimeUnit.SECONDS))
          .as("a second attempt started")
          .isTrue();

      PendingActivityInfo retry = pendingActivity(client, request);
      assertThat(retry.getActivityType().getName()).isEqualTo(SessionActivities.COMPLETE_PROMPT);
      assertThat(retry.getAttempt()).isEqualTo(2);
      assertThat(retry.getLastFailure().getTimeoutFailureInfo().getTimeoutType())
          .as("the first attempt ended by its heartbeat timeout, not its start-to-close timeout")
          .isEqualTo(TimeoutType.TIMEOUT_TYPE_HEARTBEAT);
      provider.answer.countDown();
    } finally {
      provider.thaw.countDown();
      provider.answer.countDown();
    }

    SessionResult result = WorkflowStub.fromTyped(session).getResult(SessionResult.class);
    assertThat(result.reply()).isEqualTo("Answered on a retry.");
    assertThat(provider.calls).hasValue(2);
    assertThat(store.completionsRecordedFor(request.sessionId())).isEqualTo(1);
  }

  @Test
  void aProviderRejectionFailsTheSessionWithoutRetrying(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    provider.stubFor(
        post(COMPLETIONS)
            .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"bad model\"}")));
    worker.registerActivitiesImplementations(Sessions.activities(store, remoteProvider()));
    env.start();
    SessionRequest request = Sessions.request("Draft a plan.");
    SessionWorkflow session =
        client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request));

    assertThatThrownBy(() -> session.run(request))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure ->
                assertThat(failure.getType()).isEqualTo(SessionFailures.MODEL_PROVIDER_REJECTED));

    provider.verify(exactly(1), postRequestedFor(urlEqualTo(COMPLETIONS)));
    assertThat(store.completionsRecordedFor(request.sessionId())).isZero();
    assertThat(memoSteps(session))
        .extracting(SessionStep::status)
        .containsExactly(Status.COMPLETED, Status.COMPLETED, Status.FAILED, Status.PENDING);
  }

  @Test
  void aRecordedReplyIsReusedWithoutAskingTheProviderAgain(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(Sessions.activities(store, remoteProvider()));
    env.start();
    SessionRequest request = Sessions.request("Draft a plan.");
    store
        .completions()
        .recordIfAbsent(
            request.tenant(),
            new Completion(request.sessionId(), "earlier-model", "openai-compatible", "Earlier."));
    SessionWorkflow session =
        client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request));

    SessionResult result = session.run(request);

    assertThat(result.reply()).isEqualTo("Earlier.");
    assertThat(result.model()).isEqualTo("earlier-model");
    provider.verify(exactly(0), postRequestedFor(urlEqualTo(COMPLETIONS)));
  }

  @Test
  void aWorkerWithoutSigningSecretFailsTheSessionAtTheTokenStep(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(
        Sessions.activities(store, new OfflineModelProvider(), ""));
    env.start();
    SessionRequest request = Sessions.request("Draft a plan.");
    SessionWorkflow session =
        client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request));

    assertThatThrownBy(() -> session.run(request))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(SessionFailures.WORKER_MISCONFIGURED);
              assertThat(failure.getOriginalMessage()).contains("HUB_JWT_SECRET");
            });
    assertThat(memoSteps(session))
        .extracting(SessionStep::status)
        .containsExactly(Status.COMPLETED, Status.FAILED, Status.PENDING, Status.PENDING);
  }

  @Test
  void theHistoryHoldsTheTokenGrantButNeverTheToken(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    worker.registerActivitiesImplementations(
        Sessions.activities(store, new OfflineModelProvider()));
    env.start();
    SessionRequest request = Sessions.request("Write a short hello world.");
    client
        .newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request))
        .run(request);

    List<String> payloads =
        decodedPayloads(
            client.fetchHistory(SessionIds.workflowId(request.sessionId())).toJson(false));
    String grantJson =
        payloads.stream().filter(p -> p.contains("\"tokenId\"")).findFirst().orElseThrow();
    TokenGrant grant = new ObjectMapper().readValue(grantJson, TokenGrant.class);
    String token = Sessions.tokens().tokenFor(grant);

    assertThat(grant.sessionId()).isEqualTo(request.sessionId());
    assertThat(payloads)
        .noneMatch(
            p -> p.contains(token) || p.contains(token.substring(token.lastIndexOf('.') + 1)));
    assertThat(store.auditPayload(request.sessionId() + ":session.completed"))
        .contains(grant.tokenId())
        .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
  }

  private static List<String> decodedPayloads(String historyJson) {
    Matcher data = Pattern.compile("\"data\":\\s*\"([A-Za-z0-9+/=\\\\u]+)\"").matcher(historyJson);
    List<String> payloads = new ArrayList<>();
    while (data.find()) {
      String base64 = data.group(1).replace("\\u003d", "=");
      payloads.add(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
    }
    return payloads;
  }

  private OpenAiCompatibleProvider remoteProvider() {
    return new OpenAiCompatibleProvider(
        provider.baseUrl(), "test-model", "test-key", Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okCompletion(
      String content) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\""
                + content
                + "\"},\"finish_reason\":\"stop\"}]}");
  }

  private static PendingActivityInfo pendingActivity(
      WorkflowClient client, SessionRequest request) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(
                    WorkflowExecution.newBuilder()
                        .setWorkflowId(SessionIds.workflowId(request.sessionId())))
                .build())
        .getPendingActivities(0);
  }

  private static List<SessionStep> memoSteps(SessionWorkflow session) {
    return WorkflowStub.fromTyped(session)
        .describe()
        .getMemo(SessionMemo.STEPS, List.class, SessionMemoTypes.STEP_LIST);
  }

  /** Holds the completion open until the test has looked at the session's progress. */
  private static final class BlockingProvider implements ModelProvider {

    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public CompletableFuture<ModelReply> completeAsync(String prompt) {
      entered.countDown();
      return CompletableFuture.supplyAsync(
          () -> {
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new ModelReply("blocking", "test", "Done: " + prompt);
          });
    }
  }

  /**
   * Its first call freezes the activity thread, so no heartbeat is sent: what Temporal sees of a
   * worker killed mid-completion. The next call answers once the test has looked at the retry.
   */
  private static final class FrozenFirstAttempt implements ModelProvider {

    final CountDownLatch thaw = new CountDownLatch(1);
    final CountDownLatch retried = new CountDownLatch(1);
    final CountDownLatch answer = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public CompletableFuture<ModelReply> completeAsync(String prompt) {
      if (calls.incrementAndGet() == 1) {
        awaitQuietly(thaw);
        return CompletableFuture.failedFuture(
            new IllegalStateException("this worker was presumed dead"));
      }
      retried.countDown();
      return CompletableFuture.supplyAsync(
          () -> {
            awaitQuietly(answer);
            return new ModelReply("test-model", "test", "Answered on a retry.");
          });
    }

    private static void awaitQuietly(CountDownLatch latch) {
      try {
        latch.await(5, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
