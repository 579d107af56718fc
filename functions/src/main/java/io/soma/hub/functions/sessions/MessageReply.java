package io.soma.hub.functions.sessions;

/**
 * Output of {@code sendMessage}: the assistant's reply and the turn it answered (the prompt is turn
 * 1).
 */
public record MessageReply(
    String sessionId, String reply, int turn, String model, String provider) {}
