package io.soma.hub.orchestration.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.orchestration.model.OfflineModelProvider;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
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
 * Determinism guard: histories recorded by earlier builds must replay on the current workflow code. After a
 * deliberate, versioned change of the workflow, regenerate the committed histories with
 * {@code -Dhub.recordHistories=true}.
 */
class SessionWorkflowReplayTest {

  /** Recorded before the lean path ({@link SessionWorkflowImpl#LEAN_PATH}): every step an activity. */
  private static final String COMPLETED_HISTORY = "histories/session-completed.json";
  private static final String REJECTED_HISTORY = "histories/session-rejected.json";
  /** Recorded on the lean path; {@code -Dhub.recordHistories=true} writes these two. */
  private static final String LEAN_COMPLETED_HISTORY = "histories/session-lean-completed.json";
  private static final String LEAN_REJECTED_HISTORY = "histories/session-lean-rejected.json";

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(SessionWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final HubStoreFixture store = HubStoreFixture.migrated();

  @Test
  void aFreshHistoryReplays(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    WorkflowExecutionHistory history = completedHistory(env, worker, client, options);

    WorkflowReplayer.replayWorkflowExecution(history, SessionWorkflowImpl.class);
  }

  @Test
  void theCommittedHistoriesReplay() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(COMPLETED_HISTORY, SessionWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(REJECTED_HISTORY, SessionWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(LEAN_COMPLETED_HISTORY, SessionWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(LEAN_REJECTED_HISTORY, SessionWorkflowImpl.class);
  }

  @Test
  void theLeanPathIsOneActivityAndTwoMemoWrites() throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(resource(LEAN_COMPLETED_HISTORY));
    Map<EventType, Long> counts =
        history.getEvents().stream().collect(Collectors.groupingBy(HistoryEvent::getEventType, Collectors.counting()));

    assertThat(counts.get(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).as("activities").isEqualTo(1);
    assertThat(counts.get(EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED)).as("memo writes").isEqualTo(2);
    assertThat(counts.get(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).as("workflow tasks").isEqualTo(2);
  }

  @Test
  void aChangedStepOrderIsDetectedAsNonDeterministic() {
    assertThatThrownBy(
            () -> WorkflowReplayer.replayWorkflowExecutionFromResource(COMPLETED_HISTORY, TokenFirstWorkflow.class))
        .hasStackTraceContaining(NonDeterministicException.class.getName())
        .hasStackTraceContaining("EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED does not match");
  }

  @Test
  @EnabledIfSystemProperty(named = "hub.recordHistories", matches = "true")
  void recordTheCommittedHistories(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) throws Exception {
    WorkflowExecutionHistory completed = completedHistory(env, worker, client, options);
    SessionRequest rejected = Sessions.request(Sessions.DENIED_TENANT, "Anything at all.");
    SessionWorkflow session = client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, rejected));
    assertThatThrownBy(() -> session.run(rejected)).isNotNull();

    Path resources = Path.of("src/test/resources");
    Files.writeString(resources.resolve(LEAN_COMPLETED_HISTORY), completed.toJson(true));
    Files.writeString(
        resources.resolve(LEAN_REJECTED_HISTORY),
        client.fetchHistory(SessionIds.workflowId(rejected.sessionId())).toJson(true));
  }

  private WorkflowExecutionHistory completedHistory(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(Sessions.activities(store, new OfflineModelProvider()));
    env.start();
    SessionRequest request = Sessions.request("Write a short hello world.");
    SessionWorkflow session = client.newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request));
    assertThat(session.run(request).steps()).hasSize(4);
    return client.fetchHistory(SessionIds.workflowId(request.sessionId()));
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
            SessionActivityOptions.byActivity(SessionActivityOptions.DEFAULT_MODEL_PROVIDER_TIMEOUT));

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
  }
}
