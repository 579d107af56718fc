package io.soma.hub.orchestration.session;

import java.util.List;

/** One step of a session and where it stands. */
public record SessionStep(String name, Status status) {

  public enum Status {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    /** The session was cancelled while this step ran; the steps after it stay {@link #PENDING}. */
    CANCELLED
  }

  /** The steps in the order the workflow runs them. */
  public static final String POLICY = "policy_check";

  public static final String SCOPED_TOKEN = "scoped_token";
  public static final String MODEL_COMPLETION = "model_completion";
  public static final String AUDIT = "audit_event";

  /** Every step, not started yet. */
  public static List<SessionStep> plan() {
    return List.of(
        new SessionStep(POLICY, Status.PENDING),
        new SessionStep(SCOPED_TOKEN, Status.PENDING),
        new SessionStep(MODEL_COMPLETION, Status.PENDING),
        new SessionStep(AUDIT, Status.PENDING));
  }

  public SessionStep with(Status newStatus) {
    return new SessionStep(name, newStatus);
  }
}
