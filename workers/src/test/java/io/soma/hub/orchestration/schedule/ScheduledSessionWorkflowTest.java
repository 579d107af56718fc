package io.soma.hub.orchestration.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.orchestration.HubSearchAttributes;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.model.OfflineModelProvider;
import io.soma.hub.orchestration.session.HubStoreFixture;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionMemo;
import io.soma.hub.orchestration.session.SessionWorkflowImpl;
import io.soma.hub.orchestration.session.Sessions;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A schedule's run on Temporal's test server, with the real session workflow as its child and the
 * real store: what Temporal Schedules start (the test server has no Schedules, so the run is
 * started as a Schedule would, with a workflow id of the schedule's and the time it was due). Then
 * its history replays.
 */
class ScheduledSessionWorkflowTest {

  /**
   * Recorded by this build with {@code -Dhub.recordHistories=true}; must replay on every later one.
   */
  private static final String COMPLETED_HISTORY = "histories/scheduled-session-completed.json";

  private static final String RECORDED_SCHEDULE = "0c9d5ab8-3f5e-4a53-9a52-6f0b4c3e2a10";

  private final HubStoreFixture store = HubStoreFixture.migrated();
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final WorkflowClient client = env.getWorkflowClient();

  @AfterEach
  void stop() {
    env.close();
  }

  private void startWorker(int quota, boolean killSwitch) {
    HubSearchAttributes.all().forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(TaskQueues.SESSIONS);
    worker.registerWorkflowImplementationTypes(
        ScheduledSessionWorkflowImpl.class, SessionWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        Sessions.activities(store, new OfflineModelProvider()),
        new ScheduleActivitiesImpl(
            store.slots(), tenant -> quota, killSwitch, Duration.ofHours(1)));
    env.start();
  }

  private static ScheduledSessionRequest request(String scheduleId) {
    return new ScheduledSessionRequest(
        scheduleId,
        "acme",
        "ann",
        List.of("schedules:write", "sessions:read"),
        "Summarize yesterday's signups");
  }

  /**
   * The workflow id a Temporal Schedule gives a run: the action's id and the time the run was due.
   */
  private static String runId(String scheduleId) {
    return ScheduleIds.temporalId("acme", scheduleId) + "-2026-12-07T05:30:00Z";
  }

  private ScheduledRun run(String scheduleId) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskQueues.SESSIONS)
            .setWorkflowId(runId(scheduleId))
            .build();
    return client.newWorkflowStub(ScheduledSessionWorkflow.class, options).run(request(scheduleId));
  }

  @Test
  void aRunStartsOneSessionLikeAnyOtherAndWaitsForItsEnd() {
    startWorker(3, false);
    String scheduleId = UUID.randomUUID().toString();

    ScheduledRun run = run(scheduleId);

    assertThat(run)
        .isEqualTo(
            new ScheduledRun(
                ScheduleIds.sessionIdOfRun(runId(scheduleId)), ScheduledRun.COMPLETED));
    WorkflowExecutionDescription session =
        client.newUntypedWorkflowStub(SessionIds.workflowId(run.sessionId())).describe();
    assertThat(session.getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(session.getMemo(SessionMemo.TENANT, String.class, String.class)).isEqualTo("acme");
    assertThat(session.getTypedSearchAttributes().get(HubSearchAttributes.TENANT))
        .isEqualTo("acme");
    assertThat(session.getTypedSearchAttributes().get(HubSearchAttributes.USER)).isEqualTo("ann");
    assertThat(store.slots().running("acme")).as("the session freed its slot").isZero();
  }

  @Test
  void aRunAtTheTenantsQuotaStartsNoSession() {
    startWorker(1, false);
    store.slots().claim("acme", "already-running", 1, Duration.ofHours(1));
    String scheduleId = UUID.randomUUID().toString();

    ScheduledRun run = run(scheduleId);

    assertThat(run.outcome()).isEqualTo(ScheduledRun.SKIPPED_QUOTA);
    assertThat(sessionStarted(run)).isFalse();
  }

  @Test
  void aRunWhileTheKillSwitchIsEngagedStartsNoSession() {
    startWorker(3, true);

    ScheduledRun run = run(UUID.randomUUID().toString());

    assertThat(run.outcome()).isEqualTo(ScheduledRun.SKIPPED_KILL_SWITCH);
    assertThat(sessionStarted(run)).isFalse();
    assertThat(store.slots().running("acme")).isZero();
  }

  @Test
  void aRunsHistoryReplays() throws Exception {
    startWorker(3, false);
    String scheduleId = UUID.randomUUID().toString();
    run(scheduleId);

    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(runId(scheduleId)), ScheduledSessionWorkflowImpl.class);
  }

  /**
   * Under its own workflow id, from which the run derives its session's: a replay under another
   * would differ.
   */
  @Test
  void theCommittedHistoryReplays() throws Exception {
    String json;
    try (var in = getClass().getClassLoader().getResourceAsStream(COMPLETED_HISTORY)) {
      json =
          new String(
              java.util.Objects.requireNonNull(in, COMPLETED_HISTORY).readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
    }
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(json, runId(RECORDED_SCHEDULE));

    WorkflowReplayer.replayWorkflowExecution(history, ScheduledSessionWorkflowImpl.class);
  }

  @Test
  @EnabledIfSystemProperty(named = "hub.recordHistories", matches = "true")
  void recordTheCommittedHistory() throws Exception {
    startWorker(3, false);
    String scheduleId = RECORDED_SCHEDULE;
    run(scheduleId);

    WorkflowExecutionHistory history = client.fetchHistory(runId(scheduleId));
    Files.writeString(
        Path.of("src/test/resources").resolve(COMPLETED_HISTORY), history.toJson(true));
  }

  private boolean sessionStarted(ScheduledRun run) {
    try {
      client.newUntypedWorkflowStub(SessionIds.workflowId(run.sessionId())).describe();
      return true;
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      return false;
    }
  }
}
