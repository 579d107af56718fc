package io.soma.hub.functions.sessions;

import java.util.function.Function;

/**
 * {@code sendMessage}: a user turn of the caller's open conversation, answered with the assistant's
 * reply.
 */
public class SendMessage implements Function<SendMessageCommand, MessageReply> {

  private final Conversations conversations;

  public SendMessage(Conversations conversations) {
    this.conversations = conversations;
  }

  @Override
  public MessageReply apply(SendMessageCommand command) {
    return conversations.send(command);
  }
}
