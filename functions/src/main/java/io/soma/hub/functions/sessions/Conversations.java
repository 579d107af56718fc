package io.soma.hub.functions.sessions;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.errors.ConflictException;
import io.soma.hub.functions.errors.IdempotencyKeyReusedException;
import io.soma.hub.functions.errors.RefusedException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.functions.events.GatewayEvents;
import io.soma.hub.functions.moderation.ModerationGuard;
import io.soma.hub.functions.moderation.ModerationVerdict;
import io.soma.hub.orchestration.session.SessionWorkflow;
import io.soma.hub.orchestration.session.TurnMessage;
import io.soma.hub.orchestration.session.TurnReply;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.UUID;

/**
 * Messages to, and the close of, the caller's open conversations. A message is a Temporal Update of
 * the session's workflow: the caller gets the reply, or a clear refusal from the workflow's
 * validator before anything is recorded. Moderation applies to every message as to a prompt.
 */
public class Conversations {

  private final SessionReader reader;
  private final ModerationGuard moderation;
  private final GatewayEvents events;

  public Conversations(SessionReader reader, ModerationGuard moderation, GatewayEvents events) {
    this.reader = reader;
    this.moderation = moderation;
    this.events = events;
  }

  public MessageReply send(SendMessageCommand command) {
    Caller caller = command.caller();
    String sessionId = command.sessionId();
    String content = command.body().content();
    SessionReader.OwnSession session =
        SessionReader.orchestrator(
            sessionId,
            () -> openConversation(sessionId, reader.describeOwn(caller.tenant(), sessionId)));
    ModerationVerdict verdict = moderation.evaluate(caller, content);
    if (!verdict.allowed()) {
      events.moderationBlocked(caller.tenant(), sessionId, verdict.strikeCount());
      throw new RefusedException(
          "the message was blocked by moderation",
          Map.of(
              "strike_count", verdict.strikeCount(),
              "flagged_terms", verdict.flaggedTerms(),
              "reasons", verdict.reasons()));
    }
    String fingerprint = Fingerprints.sha256Hex(content);
    String updateId =
        command.idempotencyKey() == null
            ? UUID.randomUUID().toString()
            : "message-"
                + Fingerprints.sha256Hex(caller.tenant() + "\n" + command.idempotencyKey());
    TurnReply reply =
        SessionReader.orchestrator(
            sessionId,
            () -> {
              try {
                return session
                    .stub()
                    .startUpdate(
                        UpdateOptions.newBuilder(TurnReply.class)
                            .setUpdateName(SessionWorkflow.MESSAGE)
                            .setUpdateId(updateId)
                            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                            .build(),
                        new TurnMessage(content, caller.subject(), fingerprint))
                    .getResult();
              } catch (WorkflowUpdateException refused) {
                throw refusal(sessionId, refused);
              } catch (WorkflowNotFoundException endedMeanwhile) {
                throw ended(sessionId, reader.describeOwn(caller.tenant(), sessionId).status());
              }
            });
    if (command.idempotencyKey() != null && !fingerprint.equals(reply.fingerprint())) {
      throw new IdempotencyKeyReusedException();
    }
    return new MessageReply(
        sessionId, reply.reply(), reply.turn(), reply.model(), reply.provider());
  }

  public SessionCloseRequested close(String tenant, String sessionId) {
    return SessionReader.orchestrator(
        sessionId,
        () -> {
          SessionReader.OwnSession session = reader.describeOwn(tenant, sessionId);
          openConversation(sessionId, session);
          try {
            session.stub().signal("close");
          } catch (WorkflowNotFoundException endedMeanwhile) {
            throw ended(sessionId, reader.describeOwn(tenant, sessionId).status());
          }
          return new SessionCloseRequested(sessionId, true);
        });
  }

  private static SessionReader.OwnSession openConversation(
      String sessionId, SessionReader.OwnSession session) {
    if (!session.conversation()) {
      throw notAConversation(sessionId);
    }
    if (!session.status().open()) {
      throw ended(sessionId, session.status());
    }
    return session;
  }

  /** The workflow refused the message (its validator), or could not answer it. */
  private RuntimeException refusal(String sessionId, WorkflowUpdateException refused) {
    Throwable cause = refused.getCause();
    if (cause instanceof ActivityFailure) {
      return new UnavailableException(
          "the model did not answer this message; the conversation is still open, send it again",
          refused);
    }
    String reason =
        cause instanceof ApplicationFailure application
            ? application.getOriginalMessage()
            : "the conversation cannot take a message now";
    return new ConflictException(
        "session " + sessionId + ": " + reason,
        Map.of("status", SessionView.Status.RUNNING.name()));
  }

  private static ConflictException notAConversation(String sessionId) {
    return new ConflictException(
        "session " + sessionId + " is not a conversation (start one with mode conversation)",
        Map.of("status", "NOT_A_CONVERSATION"));
  }

  private static ConflictException ended(String sessionId, SessionView.Status status) {
    return new ConflictException(
        "session "
            + sessionId
            + " has ended as "
            + status
            + "; only an open conversation takes messages",
        Map.of("status", status.name()));
  }
}
