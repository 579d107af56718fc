package io.soma.hub.orchestration.session;

import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.orchestration.policy.PolicyDecision;
import io.soma.hub.orchestration.token.TokenGrant;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An audit event of a session. The details are built from grants and replies, never from a token,
 * so no token can reach the audit log; they are sorted so that the same event always serialises the
 * same way.
 */
public record AuditEvent(
    String sessionId,
    String tenant,
    String subject,
    String kind,
    SortedMap<String, String> details) {

  public static final String REJECTED = "session.rejected";
  public static final String COMPLETED = "session.completed";
  public static final String CANCELLED = "session.cancelled";

  public AuditEvent {
    details = details == null ? new TreeMap<>() : new TreeMap<>(details);
  }

  /** Deterministic, so a retried audit activity records its event once. */
  public String eventId() {
    return sessionId + ":" + kind;
  }

  public static AuditEvent rejected(SessionRequest request, PolicyDecision decision) {
    SortedMap<String, String> details = base(request);
    details.put("reasons", String.join("; ", decision.reasons()));
    return new AuditEvent(
        request.sessionId(), request.tenant(), request.subject(), REJECTED, details);
  }

  public static AuditEvent completed(SessionRequest request, TokenGrant grant, ModelReply reply) {
    SortedMap<String, String> details = base(request);
    details.put("token_id", grant.tokenId());
    details.put("token_scopes", String.join(",", grant.scopes()));
    details.put("token_expires_at", Long.toString(grant.expiresAt()));
    details.put("model", reply.model());
    details.put("provider", reply.provider());
    details.put("reply_length", Integer.toString(reply.reply().length()));
    return new AuditEvent(
        request.sessionId(), request.tenant(), request.subject(), COMPLETED, details);
  }

  /**
   * A conversation's end: how many turns it had, why it ended ({@code close} or {@code idle}), the
   * last model.
   */
  public static AuditEvent conversationEnded(
      SessionRequest request, int turns, String endedBy, ModelReply last) {
    SortedMap<String, String> details = base(request);
    details.put("mode", SessionRequest.CONVERSATION);
    details.put("turns", Integer.toString(turns));
    details.put("ended_by", endedBy);
    details.put("model", last.model());
    details.put("provider", last.provider());
    return new AuditEvent(
        request.sessionId(), request.tenant(), request.subject(), COMPLETED, details);
  }

  /**
   * @param step the step that was running when the session was cancelled
   */
  public static AuditEvent cancelled(SessionRequest request, String step) {
    SortedMap<String, String> details = base(request);
    details.put("step", step);
    return new AuditEvent(
        request.sessionId(), request.tenant(), request.subject(), CANCELLED, details);
  }

  private static SortedMap<String, String> base(SessionRequest request) {
    SortedMap<String, String> details = new TreeMap<>();
    details.put(
        "prompt_length",
        Integer.toString(request.prompt() == null ? 0 : request.prompt().length()));
    if (request.capsuleId() != null) {
      details.put("capsule_id", request.capsuleId());
    }
    return details;
  }
}
