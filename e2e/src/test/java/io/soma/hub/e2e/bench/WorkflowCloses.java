package io.soma.hub.e2e.bench;

import io.soma.hub.orchestration.session.SessionWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * When the session workflows closed and how, from Temporal's visibility store. Waiting on a count
 * query costs the server one cheap RPC per poll instead of a long poll per workflow.
 */
final class WorkflowCloses {

  private static final String SESSIONS = "WorkflowType = '" + SessionWorkflow.TYPE + "'";

  record Close(WorkflowExecutionStatus status, Instant closedAt) {}

  private final WorkflowClient client;

  WorkflowCloses(WorkflowClient client) {
    this.client = client;
  }

  /** How many session workflows have closed, in any way. */
  long closedCount() {
    return client.countWorkflows(SESSIONS + " AND ExecutionStatus != 'Running'").getCount();
  }

  /** Every session workflow by id; the ones still running have no close time. */
  Map<String, Close> all() {
    return client
        .listExecutions(SESSIONS)
        .collect(
            Collectors.toMap(
                execution -> execution.getExecution().getWorkflowId(),
                WorkflowCloses::close,
                (first, second) -> first));
  }

  private static Close close(WorkflowExecutionMetadata execution) {
    return new Close(execution.getStatus(), execution.getCloseTime());
  }
}
