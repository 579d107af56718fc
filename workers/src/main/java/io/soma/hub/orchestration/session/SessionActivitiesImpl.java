package io.soma.hub.orchestration.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soma.hub.orchestration.model.ChatMessage;
import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.orchestration.policy.PolicyDecision;
import io.soma.hub.orchestration.policy.SessionPolicy;
import io.soma.hub.orchestration.token.ScopedTokens;
import io.soma.hub.orchestration.token.TokenGrant;
import io.soma.hub.store.AuditLog;
import io.soma.hub.store.SessionCompletions;
import io.soma.hub.store.SessionCompletions.Completion;
import io.soma.hub.store.SessionEvents;
import io.soma.hub.store.SessionSlots;
import io.soma.hub.store.SessionTurns;
import io.soma.hub.store.SessionTurns.Turn;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stateless and thread-safe: one instance serves every session the worker runs. */
public class SessionActivitiesImpl implements SessionActivities {

  private static final Logger log = LoggerFactory.getLogger(SessionActivitiesImpl.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How often the pieces of a streamed reply are written while the provider streams: readers see
   * them this late.
   */
  static final Duration TOKEN_FLUSH_INTERVAL = Duration.ofMillis(100);

  private final SessionPolicy policy;
  private final ScopedTokens tokens;
  private final ModelProvider provider;
  private final SessionCompletions completions;
  private final AuditLog auditLog;
  private final SessionSlots slots;
  private final SessionTurns turns;
  private final SessionEvents events;

  public SessionActivitiesImpl(
      SessionPolicy policy,
      ScopedTokens tokens,
      ModelProvider provider,
      SessionCompletions completions,
      AuditLog auditLog,
      SessionSlots slots,
      SessionTurns turns,
      SessionEvents events) {
    this.policy = policy;
    this.tokens = tokens;
    this.provider = provider;
    this.completions = completions;
    this.auditLog = auditLog;
    this.slots = slots;
    this.turns = turns;
    this.events = events;
  }

  @Override
  public PolicyDecision evaluatePolicy(SessionRequest request) {
    PolicyDecision decision = policy.check(request);
    if (!decision.allowed()) {
      log.info(
          "Session {} of tenant {} denied: {}",
          request.sessionId(),
          request.tenant(),
          decision.reasons());
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
                      streamed(
                          request.tenant(),
                          request.sessionId(),
                          1,
                          List.of(ChatMessage.user(request.prompt())));
                  return completions.recordIfAbsent(
                      request.tenant(),
                      new Completion(
                          request.sessionId(), fresh.model(), fresh.provider(), fresh.reply()));
                });
    return new ModelReply(recorded.model(), recorded.provider(), recorded.reply());
  }

  @Override
  public ModelReply answerTurn(TurnRequest request) {
    Turn recorded =
        turns
            .find(request.sessionId(), request.turn())
            .orElseGet(
                () -> {
                  List<ChatMessage> messages = new ArrayList<>(request.context());
                  messages.add(ChatMessage.user(request.content()));
                  ModelReply fresh =
                      streamed(request.tenant(), request.sessionId(), request.turn(), messages);
                  return turns.recordIfAbsent(
                      request.tenant(),
                      new Turn(
                          request.sessionId(),
                          request.turn(),
                          request.content(),
                          fresh.model(),
                          fresh.provider(),
                          fresh.reply()));
                });
    return new ModelReply(recorded.model(), recorded.provider(), recorded.reply());
  }

  /**
   * Asks the provider, writing the call's events as it streams ({@link ReplyEvents}) for whoever
   * watches the session. Only a reply not recorded yet is asked for, so a retry after the record
   * streams nothing again.
   */
  private ModelReply streamed(
      String tenant, String sessionId, int turn, List<ChatMessage> messages) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ReplyEvents reply =
        ReplyEvents.started(events, tenant, sessionId, turn, context.getInfo().getAttempt());
    ModelReply fresh;
    try {
      fresh =
          HeartbeatingWait.await(
              provider.streamAsync(messages, reply),
              context,
              SessionActivityOptions.MODEL_COMPLETION_HEARTBEAT_INTERVAL,
              reply::flush,
              TOKEN_FLUSH_INTERVAL);
    } catch (RuntimeException failure) {
      try {
        reply.failed(failure);
      } catch (RuntimeException unrecorded) {
        failure.addSuppressed(unrecorded);
      }
      throw failure;
    }
    reply.completed(fresh);
    return fresh;
  }

  @Override
  public ConversationSoFar resumeConversation(String tenant, String sessionId, int contextTurns) {
    List<Turn> all = turns.list(tenant, sessionId);
    List<ChatMessage> context = new ArrayList<>();
    for (Turn turn : all.subList(Math.max(0, all.size() - contextTurns), all.size())) {
      context.add(ChatMessage.user(turn.content()));
      context.add(ChatMessage.assistant(turn.reply()));
    }
    ModelReply last =
        all.isEmpty()
            ? null
            : new ModelReply(
                all.get(all.size() - 1).model(),
                all.get(all.size() - 1).provider(),
                all.get(all.size() - 1).reply());
    return new ConversationSoFar(all.size(), context, last);
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
    // The session's last step, or the compensation of a cancelled one: its slot of the tenant's
    // quota of running
    // sessions is free from now on. Sessions that end otherwise (a step failed for good,
    // terminated, timed out) are
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
