package io.soma.hub.functions.sessions;

import io.soma.hub.functions.errors.ConflictException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Map;

/**
 * Asks Temporal to cancel a running session of the caller's tenant. The workflow then abandons the
 * step in flight, records the cancellation (its audit event frees the tenant's slot) and ends
 * CANCELLED; the answer does not wait. A session that has ended, however it ended, is a conflict.
 */
public class SessionCanceller {

  private final SessionReader reader;

  public SessionCanceller(SessionReader reader) {
    this.reader = reader;
  }

  public SessionCancelRequested cancel(String tenant, String sessionId) {
    return SessionReader.orchestrator(
        sessionId,
        () -> {
          SessionReader.OwnSession session = reader.describeOwn(tenant, sessionId);
          if (!session.status().open()) {
            throw ended(sessionId, session.status());
          }
          try {
            session.stub().cancel();
          } catch (WorkflowNotFoundException endedMeanwhile) {
            // It ended between the describe and the cancel (Temporal: "workflow execution already
            // completed").
            throw ended(sessionId, reader.describeOwn(tenant, sessionId).status());
          }
          return new SessionCancelRequested(sessionId, true);
        });
  }

  private static ConflictException ended(String sessionId, SessionView.Status status) {
    return new ConflictException(
        "session "
            + sessionId
            + " has already ended as "
            + status
            + "; only a running session can be cancelled",
        Map.of("status", status.name()));
  }
}
