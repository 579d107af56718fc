package io.soma.hub.orchestration.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.orchestration.policy.PolicyDecision;
import io.soma.hub.orchestration.policy.SessionPolicy;
import io.soma.hub.orchestration.token.ScopedTokens;
import io.soma.hub.orchestration.token.TokenGrant;
import io.soma.hub.store.AuditLog;
import io.soma.hub.store.SessionCompletions;
import io.soma.hub.store.SessionCompletions.Completion;
import io.soma.hub.store.SessionSlots;
import io.temporal.activity.Activity;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stateless and thread-safe: one instance serves every session the worker runs. */
public class SessionActivitiesImpl implements SessionActivities {

  private static final Logger log = LoggerFactory.getLogger(SessionActivitiesImpl.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SessionPolicy policy;
  private final ScopedTokens tokens;
  private final ModelProvider provider;
  private final SessionCompletions completions;
  private final AuditLog auditLog;
  private final SessionSlots slots;

  public SessionActivitiesImpl(
      SessionPolicy policy,
      ScopedTokens tokens,
      ModelProvider provider,
      SessionCompletions completions,
      AuditLog auditLog,
      SessionSlots slots) {
    this.policy = policy;
    this.tokens = tokens;
    this.provider = provider;
    this.completions = completions;
    this.auditLog = auditLog;
    this.slots = slots;
  }

  @Override
  public PolicyDecision evaluatePolicy(SessionRequest request) {
    PolicyDecision decision = policy.check(request);
    if (!decision.allowed()) {
      log.info("Session {} of tenant {} denied: {}", request.sessionId(), request.tenant(), decision.reasons());
    }
    return decision;
  }

  @Override
  public TokenGrant issueScopedToken(SessionRequest request) {
    return tokens.issue(request);
  }

  @Override
  public ModelReply complete(CompletionRequest request) {
    Completion recorded =
        completions
            .find(request.sessionId())
            .orElseGet(
                () -> {
                  ModelReply fresh =
                      HeartbeatingWait.await(
                          provider.completeAsync(request.prompt()),
                          Activity.getExecutionContext(),
                          SessionActivityOptions.MODEL_COMPLETION_HEARTBEAT_INTERVAL);
                  return completions.recordIfAbsent(
                      request.tenant(),
                      new Completion(request.sessionId(), fresh.model(), fresh.provider(), fresh.reply()));
                });
    return new ModelReply(recorded.model(), recorded.provider(), recorded.reply());
  }

  @Override
  public String emitAuditEvent(AuditEvent event) {
    String eventId = event.eventId();
    boolean recorded =
        auditLog.record(
            eventId,
            event.tenant(),
            Objects.requireNonNullElse(event.subject(), ""),
            event.kind(),
            payloadOf(event));
    if (!recorded) {
      log.debug("Audit event {} was already recorded", eventId);
    }
    // The session's last step, or the compensation of a cancelled one: its slot of the tenant's quota of running
    // sessions is free from now on. Sessions that end otherwise (a step failed for good, terminated, timed out) are
    // freed by SessionSlotSweeper.
    slots.release(event.sessionId());
    return eventId;
  }

  private static String payloadOf(AuditEvent event) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("event_id", event.eventId());
    payload.put("kind", event.kind());
    payload.put("session_id", event.sessionId());
    payload.put("tenant", event.tenant());
    payload.put("subject", event.subject());
    payload.set("details", JSON.valueToTree(event.details()));
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
