package io.soma.hub.orchestration.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.orchestration.model.OfflineModelProvider;
import io.soma.hub.orchestration.session.SessionCancellationTest.UnansweredProvider;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Determinism guard: histories recorded by earlier builds must replay on the current workflow code.
 * After a deliberate, versioned change of the workflow, keep the histories recorded before it and
 * record the current ones with {@code -Dhub.recordHistories=true}.
 */
class SessionWorkflowReplayTest {

  /**
   * Recorded before the lean path ({@link SessionWorkflowImpl#LEAN_PATH}): every step an activity.
   */
  private static final String COMPLETED_HISTORY = "histories/session-completed.json";

  private static final String REJECTED_HISTORY = "histories/session-rejected.json";

  /**
   * Recorded on the lean path, before the cancellation compensation ({@link
   * SessionWorkflowImpl#LEAN_PATH}).
   */
  private static final String LEAN_COMPLETED_HISTORY = "histories/session-lean-completed.json";

  private static final String LEAN_REJECTED_HISTORY = "histories/session-lean-rejected.json";

  /**
   * A session cancelled during its completion, recorded once by the workflow as it was before the
   * cancellation compensation (lean path version 1): what an execution started before that change
   * must still do when it is cancelled after it. The recorder below cannot make it again.
   */
  private static final String LEAN_CANCELLED_HISTORY = "histories/session-lean-cancelled.json";

  /**
   * The same cancellation with the compensation ({@link SessionWorkflowImpl#COMPENSATES}), on a
   * worker without and on one with events (the latter, under {@code histories/events}, is replayed
   * by PublishingHistoriesReplayTest too); {@code -Dhub.recordHistories=true} writes these two.
   */
  private static final String CANCELLED_HISTORY = "histories/session-cancelled.json";

  private static final String PUBLISHING_CANCELLED_HISTORY =
      "histories/events/session-cancelled.json";

  private static final String PUBLISHING_QUEUE = "session-replay-publishing";

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(SessionWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final HubStoreFixture store = HubStoreFixture.migrated();

  @Test
  void aFreshHistoryReplays(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    WorkflowExecutionHistory history = completedHistory(env, worker, client, options);

    WorkflowReplayer.replayWorkflowExecution(history, SessionWorkflowImpl.class);
  }

  @Test
  void theCommittedHistoriesReplay() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        COMPLETED_HISTORY, SessionWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        REJECTED_HISTORY, SessionWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        LEAN_COMPLETED_HISTORY, SessionWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        LEAN_REJECTED_HISTORY, SessionWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        LEAN_CANCELLED_HISTORY, SessionWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        CANCELLED_HISTORY, SessionWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        PUBLISHING_CANCELLED_HISTORY, SessionWorkflowImpl.class);
  }

  @Test
  void theLeanPathIsOneActivityAndTwoMemoWrites() throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(resource(LEAN_COMPLETED_HISTORY));
    Map<EventType, Long> counts =
        history.getEvents().stream()
            .collect(Collectors.groupingBy(HistoryEvent::getEventType, Collectors.counting()));

    assertThat(counts.get(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .as("activities")
        .isEqualTo(1);
    assertThat(counts.get(EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED))
        .as("memo writes")
        .isEqualTo(2);
    assertThat(counts.get(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED))
        .as("workflow tasks")
        .isEqualTo(2);
  }

  @Test
  void aCancellationIsHandledInTheWorkflowTaskThatBringsIt() throws Exception {
    assertThat(afterTheCancelRequest(CANCELLED_HISTORY))
        .as("the completion asked to stop, the memo, the cancellation's audit, the end; no waiting")
        .containsExactly(
            EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED,
            EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED,
            EventType.EVENT_TYPE_MARKER_RECORDED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED);
    assertThat(afterTheCancelRequest(LEAN_CANCELLED_HISTORY))
        .as("before the compensation: no audit")
        .doesNotContain(EventType.EVENT_TYPE_MARKER_RECORDED)
        .endsWith(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED);
  }

  @Test
  void aChangedStepOrderIsDetectedAsNonDeterministic() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    COMPLETED_HISTORY, TokenFirstWorkflow.class))
        .hasStackTraceContaining(NonDeterministicException.class.getName())
        .hasStackTraceContaining("EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED does not match");
  }

  @Test
  @EnabledIfSystemProperty(named = "hub.recordHistories", matches = "true")
  void recordTheCommittedHistories(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    UnansweredProvider quiet = new UnansweredProvider();
    worker.registerActivitiesImplementations(Sessions.activities(store, quiet));
    UnansweredProvider publishing = new UnansweredProvider();
    Worker publishingWorker = env.newWorker(PUBLISHING_QUEUE);
    publishingWorker.registerWorkflowImplementationFactory(
        SessionWorkflow.class,
        () -> new SessionWorkflowImpl(SessionActivityOptions.DEFAULT_MODEL_PROVIDER_TIMEOUT, true));
    publishingWorker.registerActivitiesImplementations(
        Sessions.activities(store, publishing), new SessionCancellationTest.RecordedEvents());
    env.start();

    WorkflowStub cancelled =
        SessionCancellationTest.cancelDuringCompletion(
            client, options, Sessions.request("Never mind."), quiet);
    WorkflowStub published =
        SessionCancellationTest.cancelDuringCompletion(
            client,
            WorkflowOptions.newBuilder(options).setTaskQueue(PUBLISHING_QUEUE).build(),
            Sessions.request("Never mind."),
            publishing);

    Path resources = Path.of("src/test/resources");
    Files.writeString(
        resources.resolve(CANCELLED_HISTORY),
        client.fetchHistory(cancelled.getExecution().getWorkflowId()).toJson(true));
    Files.writeString(
        resources.resolve(PUBLISHING_CANCELLED_HISTORY),
        client.fetchHistory(published.getExecution().getWorkflowId()).toJson(true));
  }

  private WorkflowExecutionHistory completedHistory(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(
        Sessions.activities(store, new OfflineModelProvider()));
    env.start();
    SessionRequest request = Sessions.request("Write a short hello world.");
    SessionWorkflow session =
        client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request));
    assertThat(session.run(request).steps()).hasSize(4);
    return client.fetchHistory(SessionIds.workflowId(request.sessionId()));
  }

  private static List<EventType> afterTheCancelRequest(String name) throws IOException {
    List<EventType> types =
        WorkflowExecutionHistory.fromJson(resource(name)).getEvents().stream()
            .map(HistoryEvent::getEventType)
            .toList();
    return types.subList(
        types.indexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED) + 1, types.size());
  }

  private static String resource(String name) throws IOException {
    try (var in = SessionWorkflowReplayTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A plausible but incompatible edit: issuing the token before the policy check. */
  public static class TokenFirstWorkflow implements SessionWorkflow {

    private final SessionActivities activities =
        Workflow.newActivityStub(
            SessionActivities.class,
            SessionActivityOptions.AUDIT,
            SessionActivityOptions.byActivity(
                SessionActivityOptions.DEFAULT_MODEL_PROVIDER_TIMEOUT));

    @Override
    public SessionResult run(SessionRequest request) {
      activities.issueScopedToken(request);
      activities.evaluatePolicy(request);
      return new SessionResult(request.sessionId(), "", "", "", "", List.of());
    }

    @Override
    public List<SessionStep> steps() {
      return List.of();
    }

    @Override
    public TurnReply message(TurnMessage message) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void validateMessage(TurnMessage message) {}

    @Override
    public void close() {}
  }
}
