package io.soma.hub.orchestration.schedule;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One run of a schedule, started by its Temporal Schedule: admits the run (the kill switch, a slot
 * of the tenant's quota of running sessions), then runs one session workflow as its child, to its
 * end. The session is a session like any other: listed by GET /v1/sessions, read, cancelled.
 */
@WorkflowInterface
public interface ScheduledSessionWorkflow {

  String TYPE = "scheduled-session-workflow";

  @WorkflowMethod(name = TYPE)
  ScheduledRun run(ScheduledSessionRequest request);
}
