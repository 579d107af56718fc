package io.soma.hub.orchestration.session;

/**
 * The assistant's answer to one message of a conversation; {@code turn} counts from 1, the
 * session's prompt, and {@code fingerprint} is the answered message's ({@link TurnMessage}).
 */
public record TurnReply(
    String reply, int turn, String model, String provider, String fingerprint) {}
