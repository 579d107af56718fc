package io.soma.hub.functions.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.soma.hub.orchestration.session.SessionStep;
import java.util.List;

/**
 * Output of {@code getSession}: status is RUNNING, COMPLETED, FAILED or CANCELLED; {@code result} is set once the
 * session completed, {@code error} once it failed.
 */
public record SessionView(
    String sessionId,
    Status status,
    List<SessionStep> steps,
    Result result,
    @JsonInclude(JsonInclude.Include.NON_NULL) Error error) {

  public enum Status {
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED
  }

  public record Result(String reply, String model, String provider) {}

  public record Error(String type, String message) {}
}
