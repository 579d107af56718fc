package io.soma.hub.functions.sessions;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.functions.events.GatewayEvents;
import io.soma.hub.functions.limits.SessionQuota;
import io.soma.hub.functions.moderation.ModerationGuard;
import io.soma.hub.functions.moderation.ModerationMetrics;
import io.soma.hub.functions.moderation.ModerationVerdict;
import io.soma.hub.orchestration.callback.CallbackDestinations;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionRequest;
import java.util.List;
import java.util.function.Function;

/**
 * {@code createSession}: kill switch, then moderation, then a slot of the tenant's quota of running
 * sessions, then the session workflow is started (or found again).
 */
public class CreateSession implements Function<CreateSessionCommand, SessionAccepted> {

  private final KillSwitch killSwitch;
  private final ModerationGuard moderation;
  private final ModerationMetrics metrics;
  private final SessionQuota quota;
  private final SessionStarter starter;
  private final GatewayEvents events;
  private final CallbackDestinations callbacks;

  /** Without events and callbacks. */
  public CreateSession(
      KillSwitch killSwitch,
      ModerationGuard moderation,
      ModerationMetrics metrics,
      SessionQuota quota,
      SessionStarter starter) {
    this(killSwitch, moderation, metrics, quota, starter, GatewayEvents.NONE, null);
  }

  public CreateSession(
      KillSwitch killSwitch,
      ModerationGuard moderation,
      ModerationMetrics metrics,
      SessionQuota quota,
      SessionStarter starter,
      GatewayEvents events,
      CallbackDestinations callbacks) {
    this.killSwitch = killSwitch;
    this.moderation = moderation;
    this.metrics = metrics;
    this.quota = quota;
    this.starter = starter;
    this.events = events;
    this.callbacks = callbacks;
  }

  @Override
  public SessionAccepted apply(CreateSessionCommand command) {
    Caller caller = command.caller();
    if (killSwitch.engaged()) {
      metrics.decision(caller.tenant(), "kill_switch");
      throw new UnavailableException(
          "the gateway kill switch is engaged: no new sessions are started");
    }
    CreateSessionBody body = command.body();
    String callbackUrl = checkedCallbackUrl(body.callbackUrl());
    ModerationVerdict verdict = moderation.evaluate(caller, body.prompt());
    if (!verdict.allowed()) {
      events.moderationBlocked(caller.tenant(), sessionId(command), verdict.strikeCount());
      throw verdict.refusal();
    }
    String sessionId = sessionId(command);
    SessionRequest request =
        new SessionRequest(
            sessionId,
            caller.tenant(),
            caller.subject(),
            List.copyOf(caller.capabilities()),
            body.prompt(),
            body.capsuleId(),
            body.metadata(),
            callbackUrl,
            SessionRequest.CONVERSATION.equals(body.mode()) ? SessionRequest.CONVERSATION : null);
    boolean started = startWithinQuota(request);
    if (started) {
      events.sessionAccepted(caller.tenant(), sessionId);
    }
    return new SessionAccepted(
        sessionId,
        "accepted",
        new SessionAccepted.Moderation(
            verdict.strikeCount(), verdict.flaggedTerms(), verdict.reasons(), verdict.bypassed()),
        !started);
  }

  /**
   * Starts the session in a slot of its tenant's quota; a failed start gives the slot back. A
   * repeat keeps it: the slot is the session's, whichever of two racing identical requests claimed
   * it and whichever started the workflow; when the repeated session has ended already, the
   * worker's sweep frees the slot.
   */
  private boolean startWithinQuota(SessionRequest request) {
    SessionQuota.Slot slot =
        request.conversation()
            ? quota.claim(
                request.tenant(),
                request.sessionId(),
                SessionStarter.CONVERSATION_TIMEOUT.plusMinutes(1))
            : quota.claim(request.tenant(), request.sessionId());
    try {
      return starter.start(request);
    } catch (RuntimeException e) {
      slot.giveBack();
      throw e;
    }
  }

  /** The callback URL if the hub may call it: checked before anything is counted or started. */
  private String checkedCallbackUrl(String url) {
    if (url == null) {
      return null;
    }
    if (callbacks == null) {
      throw new InvalidInputException(
          "callback_url", "is not available: this hub has no callback key (HUB_CALLBACK_KEY)");
    }
    try {
      return callbacks.check(url).toString();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("callback_url", e.getMessage());
    }
  }

  private static String sessionId(CreateSessionCommand command) {
    return command.idempotencyKey() == null
        ? SessionIds.newSessionId()
        : SessionIds.fromIdempotencyKey(command.caller().tenant(), command.idempotencyKey());
  }
}
