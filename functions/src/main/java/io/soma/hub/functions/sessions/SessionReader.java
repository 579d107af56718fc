package io.soma.hub.functions.sessions;

import com.fasterxml.jackson.core.type.TypeReference;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionMemo;
import io.soma.hub.orchestration.session.SessionResult;
import io.soma.hub.orchestration.session.SessionStep;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a session from Temporal. Status and steps come from a describe call (the workflow keeps its steps in the
 * memo), so a session can be read while no worker runs. Another tenant's session reads as not found.
 */
public class SessionReader {

  private static final Type STEP_LIST = new TypeReference<List<SessionStep>>() {}.getType();

  private final WorkflowClient client;

  public SessionReader(WorkflowClient client) {
    this.client = client;
  }

  public SessionView read(String tenant, String sessionId) {
    if (!SessionIds.isSessionId(sessionId)) {
      throw notFound(sessionId);
    }
    WorkflowStub stub = client.newUntypedWorkflowStub(SessionIds.workflowId(sessionId));
    try {
      WorkflowExecutionDescription description = stub.describe();
      if (!tenant.equals(description.getMemo(SessionMemo.TENANT, String.class, String.class))) {
        throw notFound(sessionId);
      }
      List<SessionStep> steps = description.getMemo(SessionMemo.STEPS, List.class, STEP_LIST);
      return switch (description.getStatus()) {
        case WORKFLOW_EXECUTION_STATUS_COMPLETED -> completed(stub, sessionId);
        case WORKFLOW_EXECUTION_STATUS_CANCELED ->
            new SessionView(sessionId, SessionView.Status.CANCELLED, steps, null, null);
        case WORKFLOW_EXECUTION_STATUS_FAILED,
                WORKFLOW_EXECUTION_STATUS_TIMED_OUT,
                WORKFLOW_EXECUTION_STATUS_TERMINATED ->
            failed(stub, sessionId, steps, description.getStatus());
        default -> new SessionView(sessionId, SessionView.Status.RUNNING, steps, null, null);
      };
    } catch (WorkflowNotFoundException e) {
      throw notFound(sessionId);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw notFound(sessionId);
      }
      throw new UnavailableException("the orchestrator is unavailable; retry later", e);
    } catch (WorkflowException e) {
      if (e.getCause() instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw notFound(sessionId);
      }
      throw new UnavailableException("the orchestrator is unavailable; retry later", e);
    }
  }

  private static SessionView completed(WorkflowStub stub, String sessionId) {
    SessionResult result = resultOf(stub);
    return new SessionView(
        sessionId,
        SessionView.Status.COMPLETED,
        result.steps(),
        new SessionView.Result(result.reply(), result.model(), result.provider()),
        null);
  }

  private static SessionView failed(
      WorkflowStub stub, String sessionId, List<SessionStep> steps, WorkflowExecutionStatus status) {
    SessionView.Error error;
    try {
      resultOf(stub);
      error = new SessionView.Error("Unknown", "the session ended without a result");
    } catch (WorkflowFailedException e) {
      error = describe(e.getCause(), status);
    }
    return new SessionView(sessionId, SessionView.Status.FAILED, steps, null, error);
  }

  private static SessionResult resultOf(WorkflowStub stub) {
    try {
      return stub.getResult(5, TimeUnit.SECONDS, SessionResult.class);
    } catch (TimeoutException e) {
      throw new UnavailableException("the orchestrator did not return the session result in time", e);
    }
  }

  private static SessionView.Error describe(Throwable cause, WorkflowExecutionStatus status) {
    if (cause instanceof ApplicationFailure application) {
      return new SessionView.Error(application.getType(), application.getOriginalMessage());
    }
    if (cause instanceof TemporalFailure failure) {
      return new SessionView.Error(failure.getClass().getSimpleName(), failure.getOriginalMessage());
    }
    String kind = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    return new SessionView.Error(kind, "the session ended as " + kind.toLowerCase());
  }

  private static NotFoundException notFound(String sessionId) {
    return new NotFoundException("no session " + sessionId);
  }
}
