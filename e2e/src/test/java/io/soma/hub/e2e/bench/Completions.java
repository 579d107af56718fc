package io.soma.hub.e2e.bench;

import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.orchestration.session.SessionIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.Map;
import java.util.Optional;

/**
 * What a user waits for: one session (or one baseline workflow) from its start to its result. Each
 * call starts one and returns once it has completed, so in a {@link ClosedLoop} the latencies are
 * start-to-result and the rate is completions per second. Both paths wait the same way, on
 * Temporal's long poll for the result from this JVM.
 */
final class Completions {

  static final String GATEWAY = "gateway";
  static final String MINIMAL = "minimal";

  private Completions() {}

  /** {@code POST /v1/sessions}, 201, then the session workflow's result. */
  static ClosedLoop.Start gateway(JsonHttp caller, WorkflowClient client, String label) {
    return index -> {
      JsonHttp.Response response =
          caller.post(
              "/v1/sessions",
              Map.of(
                  "prompt",
                  SessionLoad.prompt(index),
                  "metadata",
                  Map.of("bench", label, "index", "" + index)));
      if (response.status() != 201) {
        throw new IllegalStateException("POST /v1/sessions answered " + response);
      }
      String workflowId = SessionIds.workflowId(response.json().get("session_id").asText());
      client
          .newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
          .getResult(Map.class);
      return workflowId;
    };
  }

  /** {@link MinimalWorkflow} started by the Temporal client, then its result. */
  static ClosedLoop.Start minimal(WorkflowClient client, String label) {
    return index -> {
      String workflowId = "bench-minimal-" + label + "-" + java.util.UUID.randomUUID();
      MinimalWorkflow workflow =
          client.newWorkflowStub(
              MinimalWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(workflowId)
                  .setTaskQueue(MinimalWorkflow.TASK_QUEUE)
                  .build());
      workflow.run(SessionLoad.prompt(index));
      return workflowId;
    };
  }
}
