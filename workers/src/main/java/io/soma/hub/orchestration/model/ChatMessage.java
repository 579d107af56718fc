package io.soma.hub.orchestration.model;

/**
 * One message of a conversation as chat-completion APIs take it: {@code user} or {@code assistant},
 * and its text.
 */
public record ChatMessage(String role, String content) {

  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content);
  }
}
