package io.soma.hub.functions.memory;

import io.grpc.StatusRuntimeException;
import io.soma.hub.functions.errors.IdempotencyKeyReusedException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.memory.MemoryRefreshIds;
import io.soma.hub.orchestration.memory.MemoryRefreshMemo;
import io.soma.hub.orchestration.memory.MemoryRefreshRequest;
import io.soma.hub.orchestration.memory.MemoryRefreshWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Starts memory refreshes so that Temporal deduplicates them by workflow id:
 *
 * <ul>
 *   <li>With an Idempotency-Key the id derives from tenant, campaign and key. Temporal starts it
 *       once, ever (reuse: reject duplicate, conflict: fail); a repeat answers the same id and the
 *       workflow's current status, and a repeat with another {@code force} is a reused key (422).
 *   <li>Without one the id derives from tenant and campaign. A running refresh of the campaign is
 *       joined (conflict: use existing) whatever its {@code force}; once it has closed, the next
 *       request starts a new run (reuse: allow duplicate).
 * </ul>
 */
public class MemoryRefreshStarter {

  /**
   * Far above what a refresh of bounded pages takes; a stuck refresh ends instead of blocking its
   * campaign.
   */
  static final Duration EXECUTION_TIMEOUT = Duration.ofHours(2);

  private final WorkflowClient client;

  public MemoryRefreshStarter(WorkflowClient client) {
    this.client = client;
  }

  public RefreshAccepted start(MemoryRefreshRequest request, String idempotencyKey) {
    boolean keyed = idempotencyKey != null;
    String workflowId =
        keyed
            ? MemoryRefreshIds.forIdempotencyKey(
                request.tenant(), request.campaign(), idempotencyKey)
            : MemoryRefreshIds.forCampaign(request.tenant(), request.campaign());
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.SESSIONS)
            .setWorkflowExecutionTimeout(EXECUTION_TIMEOUT)
            .setWorkflowIdReusePolicy(
                keyed
                    ? WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
                    : WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setWorkflowIdConflictPolicy(
                keyed
                    ? WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL
                    : WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setMemo(
                Map.of(
                    MemoryRefreshMemo.TENANT, request.tenant(),
                    MemoryRefreshMemo.CAMPAIGN, request.campaign(),
                    MemoryRefreshMemo.FORCE, request.force()))
            .build();
    MemoryRefreshWorkflow workflow = client.newWorkflowStub(MemoryRefreshWorkflow.class, options);
    try {
      WorkflowClient.start(workflow::run, request);
      return new RefreshAccepted(workflowId, "RUNNING");
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      return existing(workflowId, request);
    } catch (WorkflowServiceException | StatusRuntimeException e) {
      throw new UnavailableException("the orchestrator is unavailable; retry later", e);
    }
  }

  private RefreshAccepted existing(String workflowId, MemoryRefreshRequest request) {
    WorkflowExecutionDescription description;
    try {
      description = client.newUntypedWorkflowStub(workflowId).describe();
    } catch (WorkflowException | StatusRuntimeException e) {
      throw new UnavailableException("the orchestrator is unavailable; retry later", e);
    }
    Boolean force = description.getMemo(MemoryRefreshMemo.FORCE, Boolean.class, Boolean.class);
    if (!Objects.equals(force, request.force())) {
      throw new IdempotencyKeyReusedException();
    }
    return new RefreshAccepted(workflowId, statusOf(description.getStatus()));
  }

  static String statusOf(WorkflowExecutionStatus status) {
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> "COMPLETED";
      case WORKFLOW_EXECUTION_STATUS_FAILED -> "FAILED";
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> "CANCELLED";
      case WORKFLOW_EXECUTION_STATUS_TERMINATED -> "TERMINATED";
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> "TIMED_OUT";
      default -> "RUNNING";
    };
  }
}
