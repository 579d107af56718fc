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
import io.soma.hub.store.SessionTurns;
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
import java.util.function.Supplier;

/**
 * Reads a session from Temporal. Status and steps come from a describe call (the workflow keeps its
 * steps in the memo), so a session can be read while no worker runs. Another tenant's session reads
 * as not found.
 */
public class SessionReader {

  private static final Type STEP_LIST = new TypeReference<List<SessionStep>>() {}.getType();

  private final WorkflowClient client;
  private final SessionTurns turns;

  /** Without conversations' transcripts. */
  public SessionReader(WorkflowClient client) {
    this(client, null);
  }

  public SessionReader(WorkflowClient client, SessionTurns turns) {
    this.client = client;
    this.turns = turns;
  }

  public SessionView read(String tenant, String sessionId) {
    return orchestrator(
        sessionId,
        () -> {
          OwnSession session = describeOwn(tenant, sessionId);
          WorkflowExecutionDescription description = session.description();
          List<SessionStep> steps = description.getMemo(SessionMemo.STEPS, List.class, STEP_LIST);
          SessionView.Status status = session.status();
          SessionView view =
              switch (status) {
                case COMPLETED -> completed(session.stub(), sessionId);
                case FAILED -> failed(session.stub(), sessionId, steps, description.getStatus());
                case RUNNING, WAITING, CANCELLED ->
                    new SessionView(sessionId, status, steps, null, null);
              };
          return session.conversation() ? view.withTranscript(transcript(tenant, sessionId)) : view;
        });
  }

  private List<SessionView.Turn> transcript(String tenant, String sessionId) {
    if (turns == null) {
      return List.of();
    }
    return turns.list(tenant, sessionId).stream()
        .map(turn -> new SessionView.Turn(turn.turn(), turn.content(), turn.reply()))
        .toList();
  }

  /** A session workflow of the caller's tenant, as described just now. */
  record OwnSession(WorkflowStub stub, WorkflowExecutionDescription description) {

    /** The workflow's status, and WAITING for a running conversation that waits for a message. */
    SessionView.Status status() {
      SessionView.Status status = statusOf(description.getStatus());
      return status == SessionView.Status.RUNNING && SessionMemo.WAITING.equals(conversationState())
          ? SessionView.Status.WAITING
          : status;
    }

    boolean conversation() {
      return conversationState() != null;
    }

    private String conversationState() {
      return description.getMemo(SessionMemo.CONVERSATION, String.class, String.class);
    }
  }

  /**
   * The caller's session; an id outside the grammar, an unknown one and another tenant's all read
   * as not found.
   */
  OwnSession describeOwn(String tenant, String sessionId) {
    if (!SessionIds.isSessionId(sessionId)) {
      throw notFound(sessionId);
    }
    WorkflowStub stub = client.newUntypedWorkflowStub(SessionIds.workflowId(sessionId));
    WorkflowExecutionDescription description = stub.describe();
    if (!tenant.equals(description.getMemo(SessionMemo.TENANT, String.class, String.class))) {
      throw notFound(sessionId);
    }
    return new OwnSession(stub, description);
  }

  /**
   * Runs calls to Temporal about one session: not found is 404, anything else Temporal answers is
   * 503.
   */
  static <T> T orchestrator(String sessionId, Supplier<T> calls) {
    try {
      return calls.get();
    } catch (WorkflowNotFoundException e) {
      throw notFound(sessionId);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw notFound(sessionId);
      }
      throw new UnavailableException("the orchestrator is unavailable; retry later", e);
    } catch (WorkflowException e) {
      if (e.getCause() instanceof StatusRuntimeException grpc
          && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw notFound(sessionId);
      }
      throw new UnavailableException("the orchestrator is unavailable; retry later", e);
    }
  }

  /**
   * A session's status from its workflow's: failed, timed out and terminated all read as FAILED.
   */
  static SessionView.Status statusOf(WorkflowExecutionStatus status) {
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> SessionView.Status.COMPLETED;
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> SessionView.Status.CANCELLED;
      case WORKFLOW_EXECUTION_STATUS_FAILED,
          WORKFLOW_EXECUTION_STATUS_TIMED_OUT,
          WORKFLOW_EXECUTION_STATUS_TERMINATED ->
          SessionView.Status.FAILED;
      default -> SessionView.Status.RUNNING;
    };
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
      WorkflowStub stub,
      String sessionId,
      List<SessionStep> steps,
      WorkflowExecutionStatus status) {
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
      throw new UnavailableException(
          "the orchestrator did not return the session result in time", e);
    }
  }

  private static SessionView.Error describe(Throwable cause, WorkflowExecutionStatus status) {
    if (cause instanceof ApplicationFailure application) {
      return new SessionView.Error(application.getType(), application.getOriginalMessage());
    }
    if (cause instanceof TemporalFailure failure) {
      return new SessionView.Error(
          failure.getClass().getSimpleName(), failure.getOriginalMessage());
    }
    String kind = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    return new SessionView.Error(kind, "the session ended as " + kind.toLowerCase());
  }

  private static NotFoundException notFound(String sessionId) {
    return new NotFoundException("no session " + sessionId);
  }
}
