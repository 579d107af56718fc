package io.soma.hub.orchestration.session;

/** The assistant's answer to one message of a conversation; {@code turn} counts from 1, the session's prompt. */
public record TurnReply(String reply, int turn, String model, String provider) {}
