package io.soma.hub.orchestration.session;

import io.soma.hub.orchestration.model.ChatMessage;
import io.soma.hub.orchestration.model.ModelReply;
import java.util.List;

/**
 * Where a conversation stands, read from the store when it continues as a new run: the turns
 * answered, the most recent ones as the model's context, and the last reply (null before the
 * first).
 */
public record ConversationSoFar(int turns, List<ChatMessage> context, ModelReply last) {

  public ConversationSoFar {
    context = context == null ? List.of() : List.copyOf(context);
  }
}
