package io.soma.hub.orchestration.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.soma.hub.orchestration.events.EventActivities;
import io.soma.hub.orchestration.events.HubEvent;
import io.soma.hub.orchestration.events.HubEventTypes;
import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.orchestration.model.OfflineModelProvider;
import io.soma.hub.orchestration.policy.PolicyDecision;
import io.soma.hub.orchestration.session.SessionStep.Status;
import io.soma.hub.orchestration.token.TokenGrant;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session cancelled through Temporal (what {@code POST /v1/sessions/{id}/cancel} does) ends
 * CANCELLED cleanly.
 */
class SessionCancellationTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  private final HubStoreFixture store = HubStoreFixture.migrated();
  private final RecordedEvents published = new RecordedEvents();

  @Test
  void aSessionCancelledDuringItsModelCallEndsAtOnceAndAuditsTheCancellation(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    UnansweredProvider provider = new UnansweredProvider();
    register(worker, Sessions.activities(store, provider), true);
    env.start();
    SessionRequest request = Sessions.request("Draft a plan.");
    store.slots().claim(request.tenant(), request.sessionId(), 10, Duration.ofHours(1));

    WorkflowStub session = cancelDuringCompletion(client, options, request, provider);

    assertThat(session.describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    List<SessionStep> expected =
        List.of(
            new SessionStep(SessionStep.POLICY, Status.COMPLETED),
            new SessionStep(SessionStep.SCOPED_TOKEN, Status.COMPLETED),
            new SessionStep(SessionStep.MODEL_COMPLETION, Status.CANCELLED),
            new SessionStep(SessionStep.AUDIT, Status.PENDING));
    assertThat(memoSteps(session)).isEqualTo(expected);
    assertThat(
            client
                .newWorkflowStub(SessionWorkflow.class, session.getExecution().getWorkflowId())
                .steps())
        .isEqualTo(expected);
    assertThat(store.auditPayload(request.sessionId() + ":session.cancelled"))
        .contains("\"kind\":\"session.cancelled\"", "\"step\":\"model_completion\"");
    assertThat(store.slots().running(request.tenant()))
        .as("the quota slot, freed by the compensation")
        .isZero();
    assertThat(published.events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(HubEventTypes.SESSION_CANCELLED);
              assertThat(event.id()).isEqualTo(request.sessionId() + ":session.cancelled");
              assertThat(event.data()).containsEntry("step", SessionStep.MODEL_COMPLETION);
            });

    WorkflowExecutionHistory history = client.fetchHistory(session.getExecution().getWorkflowId());
    long completion =
        history.getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(
                e ->
                    e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals(SessionActivities.COMPLETE_PROMPT))
            .findFirst()
            .orElseThrow()
            .getEventId();
    assertThat(history.getEvents())
        .as("the completion was asked to stop, and the session ended without waiting for it")
        .anyMatch(
            e ->
                e.getActivityTaskCancelRequestedEventAttributes().getScheduledEventId()
                    == completion)
        .noneMatch(
            e ->
                e.getActivityTaskCanceledEventAttributes().getScheduledEventId() == completion
                    || e.getActivityTaskCompletedEventAttributes().getScheduledEventId()
                        == completion
                    || e.getActivityTaskTimedOutEventAttributes().getScheduledEventId()
                        == completion);
    await()
        .atMost(Duration.ofSeconds(30))
        .alias(
            "the attempt learns of the cancellation from a heartbeat and cancels the provider call")
        .until(provider.call::isCancelled);
    assertThat(store.completionsRecordedFor(request.sessionId())).isZero();
  }

  @Test
  void aSessionCancelledDuringItsPolicyCheckStopsThereAndAuditsTheCancellation(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws InterruptedException {
    HeldPolicy activities = new HeldPolicy(Sessions.activities(store, new OfflineModelProvider()));
    register(worker, activities, false);
    env.start();
    SessionRequest request = Sessions.request("Draft a plan.");
    store.slots().claim(request.tenant(), request.sessionId(), 10, Duration.ofHours(1));
    // A worker reports a local activity that outlasts 80 % of the workflow task timeout, and so
    // learns of a cancel.
    WorkflowOptions shortTasks =
        WorkflowOptions.newBuilder(Sessions.startOptions(options, request))
            .setWorkflowTaskTimeout(Duration.ofSeconds(4))
            .build();
    WorkflowStub session =
        WorkflowStub.fromTyped(client.newWorkflowStub(SessionWorkflow.class, shortTasks));
    session.start(request);
    try {
      assertThat(activities.entered.await(30, TimeUnit.SECONDS)).isTrue();
      session.cancel();
      // A local activity cannot be cancelled: the check goes on until the workflow has the cancel.
      await().atMost(Duration.ofSeconds(30)).until(() -> cancelDelivered(client, session));
    } finally {
      activities.release.countDown();
    }

    assertThatThrownBy(() -> session.getResult(30, TimeUnit.SECONDS, SessionResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(memoSteps(session))
        .containsExactly(
            new SessionStep(SessionStep.POLICY, Status.CANCELLED),
            new SessionStep(SessionStep.SCOPED_TOKEN, Status.PENDING),
            new SessionStep(SessionStep.MODEL_COMPLETION, Status.PENDING),
            new SessionStep(SessionStep.AUDIT, Status.PENDING));
    assertThat(store.auditPayload(request.sessionId() + ":session.cancelled"))
        .contains("\"step\":\"policy_check\"");
    assertThat(store.slots().running(request.tenant())).isZero();
    assertThat(activities.tokensIssued).as("no step after the cancelled one ran").hasValue(0);
    assertThat(client.fetchHistory(session.getExecution().getWorkflowId()).getEvents())
        .extracting(HistoryEvent::getEventType)
        .as("neither the completion nor, events being off, a publish")
        .doesNotContain(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .endsWith(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED);
    assertThat(published.events).isEmpty();
  }

  /**
   * Starts the session, cancels it once its completion waits on the provider, and checks it ends
   * CANCELED at once: the provider never answers and the completion's own timeouts are minutes.
   */
  static WorkflowStub cancelDuringCompletion(
      WorkflowClient client,
      WorkflowOptions options,
      SessionRequest request,
      UnansweredProvider provider) {
    WorkflowStub session =
        WorkflowStub.fromTyped(
            client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request)));
    session.start(request);
    try {
      assertThat(provider.called.await(30, TimeUnit.SECONDS)).as("the completion started").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }

    session.cancel();

    assertThatThrownBy(() -> session.getResult(10, TimeUnit.SECONDS, SessionResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    return session;
  }

  /** The workflow has had a workflow task since the cancel was requested. */
  private static boolean cancelDelivered(WorkflowClient client, WorkflowStub session) {
    List<EventType> types =
        client.fetchHistory(session.getExecution().getWorkflowId()).getEvents().stream()
            .map(HistoryEvent::getEventType)
            .toList();
    int requested = types.indexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
    return requested >= 0
        && types
            .subList(requested, types.size())
            .contains(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
  }

  private void register(Worker worker, SessionActivities activities, boolean eventsEnabled) {
    worker.registerWorkflowImplementationFactory(
        SessionWorkflow.class,
        () ->
            new SessionWorkflowImpl(
                SessionActivityOptions.DEFAULT_MODEL_PROVIDER_TIMEOUT, eventsEnabled));
    worker.registerActivitiesImplementations(activities, published);
  }

  private static List<SessionStep> memoSteps(WorkflowStub session) {
    return session.describe().getMemo(SessionMemo.STEPS, List.class, SessionMemoTypes.STEP_LIST);
  }

  /** A provider that never answers: only a cancellation ends the call. */
  static final class UnansweredProvider implements ModelProvider {

    final CountDownLatch called = new CountDownLatch(1);
    final CompletableFuture<ModelReply> call = new CompletableFuture<>();

    @Override
    public CompletableFuture<ModelReply> completeAsync(String prompt) {
      called.countDown();
      return call;
    }
  }

  /** The session's activities, with a policy check that holds until the test releases it. */
  private static final class HeldPolicy implements SessionActivities {

    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger tokensIssued = new AtomicInteger();
    private final SessionActivities delegate;

    HeldPolicy(SessionActivities delegate) {
      this.delegate = delegate;
    }

    @Override
    public PolicyDecision evaluatePolicy(SessionRequest request) {
      entered.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return delegate.evaluatePolicy(request);
    }

    @Override
    public TokenGrant issueScopedToken(SessionRequest request) {
      tokensIssued.incrementAndGet();
      return delegate.issueScopedToken(request);
    }

    @Override
    public ModelReply complete(CompletionRequest request) {
      return delegate.complete(request);
    }

    @Override
    public ModelReply answerTurn(TurnRequest request) {
      return delegate.answerTurn(request);
    }

    @Override
    public ConversationSoFar resumeConversation(String tenant, String sessionId, int contextTurns) {
      return delegate.resumeConversation(tenant, sessionId, contextTurns);
    }

    @Override
    public String emitAuditEvent(AuditEvent event) {
      return delegate.emitAuditEvent(event);
    }
  }

  /** The publish activity of a worker with a broker, keeping what it was given. */
  static final class RecordedEvents implements EventActivities {

    final List<HubEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(HubEvent event) {
      events.add(event);
    }
  }
}
