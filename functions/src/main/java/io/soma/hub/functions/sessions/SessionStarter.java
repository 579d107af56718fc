package io.soma.hub.functions.sessions;

import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.soma.hub.functions.errors.IdempotencyKeyReusedException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionMemo;
import io.soma.hub.orchestration.session.SessionRequest;
import io.soma.hub.orchestration.session.SessionStarts;
import io.soma.hub.orchestration.session.SessionWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.time.Duration;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Starts session workflows. The workflow id derives from the session id, and Temporal refuses a
 * second start of the same id, so concurrent requests with one Idempotency-Key start exactly one
 * workflow.
 */
public class SessionStarter {

  static final Duration EXECUTION_TIMEOUT = SessionStarts.EXECUTION_TIMEOUT;

  /** A conversation may stay open this long, its runs after continue-as-new included. */
  static final Duration CONVERSATION_TIMEOUT = Duration.ofHours(24);

  private final WorkflowClient client;
  private final Timer startTimer;

  public SessionStarter(WorkflowClient client, MeterRegistry registry) {
    this.client = client;
    this.startTimer =
        Timer.builder("gateway.workflow.start")
            .description("Time to start a session workflow in Temporal")
            .register(registry);
  }

  /**
   * Returns true when this call started the workflow, false when an identical request had already
   * started it.
   */
  public boolean start(SessionRequest request) {
    String fingerprint = fingerprint(request);
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(SessionIds.workflowId(request.sessionId()))
            .setTaskQueue(TaskQueues.SESSIONS)
            .setWorkflowExecutionTimeout(
                request.conversation() ? CONVERSATION_TIMEOUT : EXECUTION_TIMEOUT)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setMemo(SessionStarts.memo(request.tenant(), fingerprint))
            // What GET /v1/sessions filters on (SessionLister).
            .setTypedSearchAttributes(
                SessionStarts.searchAttributes(request.tenant(), request.subject()))
            .build();
    SessionWorkflow workflow = client.newWorkflowStub(SessionWorkflow.class, options);
    try {
      startTimer.record(() -> WorkflowClient.start(workflow::run, request));
      return true;
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      requireSameRequest(request, fingerprint);
      return false;
    } catch (WorkflowServiceException | StatusRuntimeException e) {
      throw new UnavailableException("the orchestrator is unavailable; retry later", e);
    }
  }

  private void requireSameRequest(SessionRequest request, String fingerprint) {
    String existing;
    try {
      existing =
          client
              .newUntypedWorkflowStub(SessionIds.workflowId(request.sessionId()))
              .describe()
              .getMemo(SessionMemo.REQUEST_FINGERPRINT, String.class, String.class);
    } catch (WorkflowException | StatusRuntimeException e) {
      throw new UnavailableException("the orchestrator is unavailable; retry later", e);
    }
    if (!Objects.equals(existing, fingerprint)) {
      throw new IdempotencyKeyReusedException();
    }
  }

  /**
   * A digest of the request body. The session id derives from the key, and the key is scoped to the
   * tenant (SPEC), so neither the id nor the user is part of it.
   */
  static String fingerprint(SessionRequest request) {
    StringBuilder canonical = new StringBuilder();
    canonical.append(request.prompt()).append('\n');
    canonical.append(Objects.toString(request.capsuleId(), "")).append('\n');
    new TreeMap<>(request.metadata())
        .forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
    if (request.conversation()) {
      canonical.append("mode=").append(request.mode()).append('\n');
    }
    if (request.callbackUrl() != null) {
      // Only when present: a session without one keeps the fingerprint it had before callbacks.
      canonical.append("callback_url=").append(request.callbackUrl()).append('\n');
    }
    return Fingerprints.sha256Hex(canonical.toString());
  }
}
