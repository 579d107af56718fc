package io.soma.hub.orchestration.session;

import io.soma.hub.orchestration.model.ChatMessage;
import java.util.List;

/**
 * One turn of a conversation for the model: whose session, which turn (from 1), the user's message,
 * and the turns before it as context (the most recent ones, {@link
 * SessionWorkflowImpl#CONTEXT_TURNS} at most).
 */
public record TurnRequest(
    String sessionId, String tenant, int turn, String content, List<ChatMessage> context) {

  public TurnRequest {
    context = context == null ? List.of() : List.copyOf(context);
  }
}
