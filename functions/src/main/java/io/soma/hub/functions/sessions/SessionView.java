package io.soma.hub.functions.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.soma.hub.orchestration.session.SessionStep;
import java.util.List;

/**
 * Output of {@code getSession}: status is RUNNING, WAITING (an open conversation waiting for a
 * message), COMPLETED, FAILED or CANCELLED; {@code result} is set once the session completed,
 * {@code error} once it failed, {@code transcript} on conversations.
 */
public record SessionView(
    String sessionId,
    Status status,
    List<SessionStep> steps,
    Result result,
    @JsonInclude(JsonInclude.Include.NON_NULL) Error error,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Turn> transcript) {

  public SessionView(
      String sessionId, Status status, List<SessionStep> steps, Result result, Error error) {
    this(sessionId, status, steps, result, error, null);
  }

  /** WAITING last: listing cursors carry a status's ordinal. */
  public enum Status {
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED,
    WAITING;

    /**
     * Whether the session's workflow still runs: RUNNING, or an open conversation WAITING for a
     * message.
     */
    public boolean open() {
      return this == RUNNING || this == WAITING;
    }
  }

  /**
   * One turn of a conversation: the user's message and the reply; turn 1 is the session's prompt.
   */
  public record Turn(int turn, String content, String reply) {}

  SessionView withTranscript(List<Turn> turns) {
    return new SessionView(sessionId, status, steps, result, error, turns);
  }

  SessionView withStatus(Status now) {
    return new SessionView(sessionId, now, steps, result, error, transcript);
  }

  public record Result(String reply, String model, String provider) {}

  public record Error(String type, String message) {}
}
