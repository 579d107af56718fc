package io.soma.hub.functions.wizards;

import io.grpc.StatusRuntimeException;
import io.soma.hub.functions.errors.ConflictException;
import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.functions.temporal.BoundedCalls;
import io.soma.hub.functions.temporal.TenantWorkflows;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.wizard.ApprovalAccepted;
import io.soma.hub.orchestration.wizard.WizardAnswer;
import io.soma.hub.orchestration.wizard.WizardApproval;
import io.soma.hub.orchestration.wizard.WizardFailures;
import io.soma.hub.orchestration.wizard.WizardIds;
import io.soma.hub.orchestration.wizard.WizardMemo;
import io.soma.hub.orchestration.wizard.WizardStart;
import io.soma.hub.orchestration.wizard.WizardState;
import io.soma.hub.orchestration.wizard.WizardWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/**
 * The gateway's side of a wizard session in Temporal. Every call first checks, with a describe,
 * that the session exists and belongs to the caller's tenant (else: not found). Answers and
 * approvals are workflow updates bounded by {@link BoundedCalls}: a worker that does not answer in
 * time gives 503, not a hung request.
 */
public class WizardSessions {

  private final WorkflowClient client;
  private final BoundedCalls calls;

  public WizardSessions(WorkflowClient client, BoundedCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  public void start(WizardStart start) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(WizardIds.workflowId(start.sessionId()))
            .setTaskQueue(TaskQueues.SESSIONS)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setMemo(
                Map.of(WizardMemo.TENANT, start.tenant(), WizardMemo.WIZARD_ID, start.wizardId()))
            .build();
    WizardWorkflow workflow = client.newWorkflowStub(WizardWorkflow.class, options);
    try {
      WorkflowClient.start(workflow::run, start);
    } catch (WorkflowException | StatusRuntimeException e) {
      throw BoundedCalls.unavailable(e);
    }
  }

  /**
   * @param idempotencyKey becomes the update id, which Temporal deduplicates: a client that retries
   *     after a 503 with the same key gets the first attempt's result instead of answering the next
   *     question too
   */
  public WizardState answer(
      String tenant, String sessionId, WizardAnswer answer, String idempotencyKey) {
    if (!isOpen(owned(tenant, sessionId))) {
      throw closed(sessionId);
    }
    WorkflowStub stub = stub(sessionId);
    UpdateOptions.Builder<WizardState> update =
        UpdateOptions.newBuilder(WizardState.class)
            .setUpdateName(WizardWorkflow.ANSWER)
            .setWaitForStage(WorkflowUpdateStage.COMPLETED);
    if (idempotencyKey != null) {
      update.setUpdateId("answer-" + idempotencyKey);
    }
    try {
      return calls.call(() -> stub.startUpdate(update.build(), answer).getResult());
    } catch (WorkflowUpdateException e) {
      throw rejected(e);
    } catch (WorkflowNotFoundException e) {
      throw closed(sessionId);
    }
  }

  /**
   * Starts the campaign, or returns the campaign an earlier approval started (also after the wizard
   * closed).
   */
  public ApprovalAccepted approve(String tenant, String sessionId, WizardApproval approval) {
    if (isOpen(owned(tenant, sessionId))) {
      try {
        return calls.call(
            () -> stub(sessionId).update(WizardWorkflow.APPROVE, ApprovalAccepted.class, approval));
      } catch (WorkflowUpdateException e) {
        throw rejected(e);
      } catch (WorkflowNotFoundException e) {
        // closed between the describe and the update: an approval in between or the idle expiry
      }
    }
    WizardState state = queryState(sessionId);
    if (state.campaignId() == null) {
      throw new ConflictException(
          "wizard " + sessionId + " is " + state.status() + " and can no longer be approved");
    }
    return new ApprovalAccepted(state.campaignId(), state.campaignWorkflowId());
  }

  public WizardState state(String tenant, String sessionId) {
    owned(tenant, sessionId);
    return queryState(sessionId);
  }

  private WizardState queryState(String sessionId) {
    WorkflowStub stub = stub(sessionId);
    return calls.call(() -> stub.query(WizardWorkflow.STATE, WizardState.class));
  }

  private WorkflowExecutionDescription owned(String tenant, String sessionId) {
    if (!WizardIds.isSessionId(sessionId)) {
      throw notFound(sessionId);
    }
    return TenantWorkflows.describe(
        client,
        WizardIds.workflowId(sessionId),
        WizardMemo.TENANT,
        tenant,
        () -> notFound(sessionId));
  }

  private WorkflowStub stub(String sessionId) {
    return client.newUntypedWorkflowStub(WizardIds.workflowId(sessionId));
  }

  private static boolean isOpen(WorkflowExecutionDescription description) {
    return description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /** A validator's rejection (or a handler's failure) as the HTTP answer it stands for. */
  private static RuntimeException rejected(WorkflowUpdateException e) {
    ApplicationFailure failure = WizardFailures.find(e).orElse(null);
    if (failure == null) {
      return BoundedCalls.unavailable(e);
    }
    return switch (failure.getType()) {
      case WizardFailures.INVALID_ANSWER ->
          new InvalidAnswerException(
              failure.getDetails().get(0, String.class),
              failure.getDetails().get(1, String.class),
              failure.getOriginalMessage());
      case WizardFailures.NOT_CURRENT_QUESTION ->
          new ConflictException(
              failure.getOriginalMessage(),
              Map.of(
                  "current_question", failure.getDetails().get(0, String.class),
                  "current_step", failure.getDetails().get(1, Integer.class)));
      default -> new ConflictException(failure.getOriginalMessage());
    };
  }

  private static ConflictException closed(String sessionId) {
    return new ConflictException(
        "wizard " + sessionId + " is closed (approved or expired) and takes no more answers");
  }

  private static NotFoundException notFound(String sessionId) {
    return new NotFoundException("no wizard session " + sessionId);
  }
}
