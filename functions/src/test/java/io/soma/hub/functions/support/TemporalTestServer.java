package io.soma.hub.functions.support;

import io.soma.hub.orchestration.session.SessionWorkflow;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.testing.TestWorkflowEnvironment;

/** Temporal's in-memory test server, and what the functions' tests ask it: how many sessions were started. */
public final class TemporalTestServer {

  private TemporalTestServer() {}

  public static TestWorkflowEnvironment start() {
    return TestWorkflowEnvironment.newInstance();
  }

  /** Sessions stay open in these tests (no worker runs them), so open executions are all that was started. */
  public static long startedSessions(TestWorkflowEnvironment env) {
    return env
        .getWorkflowServiceStubs()
        .blockingStub()
        .listOpenWorkflowExecutions(
            ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(env.getNamespace()).setMaximumPageSize(1000).build())
        .getExecutionsList()
        .stream()
        .filter(e -> e.getType().getName().equals(SessionWorkflow.TYPE))
        .count();
  }
}
