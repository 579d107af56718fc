package io.soma.hub.orchestration.schedule;

import io.soma.hub.orchestration.schedule.ScheduleActivities.Admission;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionRequest;
import io.soma.hub.orchestration.session.SessionResult;
import io.soma.hub.orchestration.session.SessionStarts;
import io.soma.hub.orchestration.session.SessionWorkflow;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;

/**
 * A schedule's run. Its session id derives from the run's workflow id, which Temporal makes from
 * the schedule and the time the run was due, so a run retried or replayed starts the same session,
 * once. The session is a child that outlives the run should the run be terminated (it frees its own
 * quota slot), and carries the memo and search attributes of any session, so it is read, listed and
 * cancelled like one started through POST /v1/sessions.
 */
public class ScheduledSessionWorkflowImpl implements ScheduledSessionWorkflow {

  private static final Logger log = Workflow.getLogger(ScheduledSessionWorkflowImpl.class);

  /**
   * The store may be down for a while: the run waits this long for its admission, then fails
   * (Temporal shows it).
   */
  static final ActivityOptions ADMISSION =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofMinutes(3))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(10)
                  .build())
          .build();

  /**
   * What a run's session says in its metadata, so that a reader of the session can find its
   * schedule.
   */
  public static final String SCHEDULE_ID_METADATA = "schedule_id";

  private final ScheduleActivities activities =
      Workflow.newActivityStub(ScheduleActivities.class, ADMISSION);

  @Override
  public ScheduledRun run(ScheduledSessionRequest request) {
    String sessionId = ScheduleIds.sessionIdOfRun(Workflow.getInfo().getWorkflowId());
    Admission admission = activities.admit(request.tenant(), sessionId);
    if (admission != Admission.ADMITTED) {
      log.info("Schedule {}: run skipped ({})", request.scheduleId(), admission);
      return new ScheduledRun(
          sessionId,
          admission == Admission.QUOTA_FULL
              ? ScheduledRun.SKIPPED_QUOTA
              : ScheduledRun.SKIPPED_KILL_SWITCH);
    }
    SessionRequest session =
        new SessionRequest(
            sessionId,
            request.tenant(),
            request.subject(),
            request.capabilities(),
            request.prompt(),
            null,
            Map.of(SCHEDULE_ID_METADATA, request.scheduleId()));
    SessionWorkflow child =
        Workflow.newChildWorkflowStub(
            SessionWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(SessionIds.workflowId(sessionId))
                .setWorkflowExecutionTimeout(SessionStarts.EXECUTION_TIMEOUT)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setMemo(SessionStarts.memo(request.tenant(), null))
                .setTypedSearchAttributes(
                    SessionStarts.searchAttributes(request.tenant(), request.subject()))
                .build());
    Promise<SessionResult> result = Async.function(child::run, session);
    log.info("Schedule {}: session {} started", request.scheduleId(), sessionId);
    try {
      result.get();
      return new ScheduledRun(sessionId, ScheduledRun.COMPLETED);
    } catch (ChildWorkflowFailure failure) {
      // The session's own ending stands, readable through GET /v1/sessions/{id}; the run has done
      // its part.
      boolean cancelled = failure.getCause() instanceof CanceledFailure;
      return new ScheduledRun(sessionId, cancelled ? ScheduledRun.CANCELLED : ScheduledRun.FAILED);
    }
  }
}
