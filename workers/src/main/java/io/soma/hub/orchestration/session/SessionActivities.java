package io.soma.hub.orchestration.session;

import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.orchestration.policy.PolicyDecision;
import io.soma.hub.orchestration.token.TokenGrant;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The side effects of a session. Every one of them is safe to retry. */
@ActivityInterface
public interface SessionActivities {

  String EVALUATE_POLICY = "evaluate-policy";
  String ISSUE_SCOPED_TOKEN = "issue-scoped-token";
  String COMPLETE_PROMPT = "run-model-completion";
  String EMIT_AUDIT_EVENT = "emit-audit-event";
  String ANSWER_TURN = "answer-turn";
  String RESUME_CONVERSATION = "resume-conversation";

  @ActivityMethod(name = EVALUATE_POLICY)
  PolicyDecision evaluatePolicy(SessionRequest request);

  /** Returns the grant only; the signed token is rebuilt from it where it is needed. */
  @ActivityMethod(name = ISSUE_SCOPED_TOKEN)
  TokenGrant issueScopedToken(SessionRequest request);

  /** Returns the reply recorded for the session, asking the provider only if there is none yet. */
  @ActivityMethod(name = COMPLETE_PROMPT)
  ModelReply complete(CompletionRequest request);

  /**
   * Returns the reply recorded for the conversation's turn, asking the provider only if there is
   * none yet.
   */
  @ActivityMethod(name = ANSWER_TURN)
  ModelReply answerTurn(TurnRequest request);

  /** The turns recorded for a conversation, for its next run after continue-as-new. */
  @ActivityMethod(name = RESUME_CONVERSATION)
  ConversationSoFar resumeConversation(String tenant, String sessionId, int contextTurns);

  /**
   * Returns the event id. The session's last step, or a cancelled session's compensation: it also
   * frees the session's slot of its tenant's quota.
   */
  @ActivityMethod(name = EMIT_AUDIT_EVENT)
  String emitAuditEvent(AuditEvent event);
}
