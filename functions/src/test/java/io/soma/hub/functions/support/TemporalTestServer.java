package io.soma.hub.functions.support;

import io.soma.hub.orchestration.HubSearchAttributes;
import io.soma.hub.orchestration.session.SessionWorkflow;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;

/**
 * Temporal's in-memory test server, and what the functions' tests ask it: how many sessions were
 * started.
 */
public final class TemporalTestServer {

  private TemporalTestServer() {}

  public static TestWorkflowEnvironment start() {
    return start(TestEnvironmentOptions.getDefaultInstance());
  }

  /**
   * With the hub's search attributes registered: the gateway starts sessions with them, and the
   * test server, like a real namespace, refuses a start with attributes it does not know.
   */
  public static TestWorkflowEnvironment start(TestEnvironmentOptions options) {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options);
    HubSearchAttributes.all().forEach(env::registerSearchAttribute);
    return env;
  }

  /**
   * Sessions stay open in these tests (no worker runs them), so open executions are all that was
   * started.
   */
  public static long startedSessions(TestWorkflowEnvironment env) {
    return env
        .getWorkflowServiceStubs()
        .blockingStub()
        .listOpenWorkflowExecutions(
            ListOpenWorkflowExecutionsRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setMaximumPageSize(1000)
                .build())
        .getExecutionsList()
        .stream()
        .filter(e -> e.getType().getName().equals(SessionWorkflow.TYPE))
        .count();
  }
}
