package io.soma.hub.functions.wizards;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.soma.hub.functions.errors.ConflictException;
import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.functions.errors.UnavailableException;
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
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's side of a wizard session in Temporal. Every call first checks, with a describe, that the session
 * exists and belongs to the caller's tenant (else: not found). Answers and approvals are workflow updates bounded
 * by {@link WizardSettings#callTimeout()}: a worker that does not answer in time gives 503, not a hung request.
 */
public class WizardSessions {

  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "wizard-call-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  private final WorkflowClient client;
  private final WizardSettings settings;

  public WizardSessions(WorkflowClient client, WizardSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  public void start(WizardStart start) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(WizardIds.workflowId(start.sessionId()))
            .setTaskQueue(TaskQueues.SESSIONS)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setMemo(Map.of(WizardMemo.TENANT, start.tenant(), WizardMemo.WIZARD_ID, start.wizardId()))
            .build();
    WizardWorkflow workflow = client.newWorkflowStub(WizardWorkflow.class, options);
    try {
      WorkflowClient.start(workflow::run, start);
    } catch (WorkflowException | StatusRuntimeException e) {
      throw unavailable(e);
    }
  }

  /**
   * @param idempotencyKey becomes the update id, which Temporal deduplicates: a client that retries after a 503
   *     with the same key gets the first attempt's result instead of answering the next question too
   */
  public WizardState answer(String tenant, String sessionId, Object value, String idempotencyKey) {
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
      return bounded(() -> stub.startUpdate(update.build(), new WizardAnswer(value)).getResult());
    } catch (WorkflowUpdateException e) {
      throw rejected(e);
    } catch (WorkflowNotFoundException e) {
      throw closed(sessionId);
    }
  }

  /** Starts the campaign, or returns the campaign an earlier approval started (also after the wizard closed). */
  public ApprovalAccepted approve(String tenant, String sessionId, WizardApproval approval) {
    if (isOpen(owned(tenant, sessionId))) {
      try {
        return bounded(() -> stub(sessionId).update(WizardWorkflow.APPROVE, ApprovalAccepted.class, approval));
      } catch (WorkflowUpdateException e) {
        throw rejected(e);
      } catch (WorkflowNotFoundException e) {
        // closed between the describe and the update: an approval in between or the idle expiry
      }
    }
    WizardState state = queryState(sessionId);
    if (state.campaignId() == null) {
      throw new ConflictException("wizard " + sessionId + " is " + state.status() + " and can no longer be approved");
    }
    return new ApprovalAccepted(state.campaignId(), state.campaignWorkflowId());
  }

  public WizardState state(String tenant, String sessionId) {
    owned(tenant, sessionId);
    return queryState(sessionId);
  }

  private WizardState queryState(String sessionId) {
    WorkflowStub stub = stub(sessionId);
    return bounded(() -> stub.query(WizardWorkflow.STATE, WizardState.class));
  }

  private WorkflowExecutionDescription owned(String tenant, String sessionId) {
    if (!WizardIds.isSessionId(sessionId)) {
      throw notFound(sessionId);
    }
    try {
      WorkflowExecutionDescription description = stub(sessionId).describe();
      if (!tenant.equals(description.getMemo(WizardMemo.TENANT, String.class, String.class))) {
        throw notFound(sessionId);
      }
      return description;
    } catch (WorkflowNotFoundException e) {
      throw notFound(sessionId);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw notFound(sessionId);
      }
      throw unavailable(e);
    } catch (WorkflowException e) {
      if (e.getCause() instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw notFound(sessionId);
      }
      throw unavailable(e);
    }
  }

  /**
   * Runs a call under a gRPC deadline. The SDK waits for an update until the worker takes it, retrying its long
   * poll for as long as it takes; the context deadline cuts every RPC of the call at once.
   */
  private <T> T bounded(Callable<T> call) {
    Context.CancellableContext context =
        Context.current().withDeadlineAfter(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS, DEADLINES);
    try {
      return context.call(call);
    } catch (WorkflowUpdateException | WorkflowNotFoundException e) {
      throw e;
    } catch (WorkflowUpdateTimeoutOrCancelledException e) {
      throw new UnavailableException("the orchestrator did not process the request in time; retry later", e);
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new WorkflowNotFoundException(e.getExecution(), e.getWorkflowType().orElse(null), e);
      }
      throw unavailable(e);
    } catch (WorkflowException | StatusRuntimeException e) {
      throw unavailable(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw unavailable(e);
    } finally {
      context.cancel(null);
    }
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
      return unavailable(e);
    }
    return switch (failure.getType()) {
      case WizardFailures.INVALID_ANSWER ->
          new InvalidAnswerException(
              failure.getDetails().get(0, String.class),
              failure.getDetails().get(1, String.class),
              failure.getOriginalMessage());
      default -> new ConflictException(failure.getOriginalMessage());
    };
  }

  private static ConflictException closed(String sessionId) {
    return new ConflictException("wizard " + sessionId + " is closed (approved or expired) and takes no more answers");
  }

  private static NotFoundException notFound(String sessionId) {
    return new NotFoundException("no wizard session " + sessionId);
  }

  private static UnavailableException unavailable(Exception e) {
    return new UnavailableException("the orchestrator is unavailable; retry later", e);
  }
}
