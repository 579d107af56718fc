package io.soma.hub.orchestration.session;

import java.util.List;

/** The completed session: the model's reply, who produced it, and the final state of every step. */
public record SessionResult(
    String sessionId,
    String reply,
    String model,
    String provider,
    String auditEventId,
    List<SessionStep> steps) {

  public SessionResult {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
