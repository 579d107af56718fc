package io.soma.hub.orchestration.session;

/** A user's message to an open conversation ({@link SessionWorkflow#message}); the subject comes from the token. */
public record TurnMessage(String content, String subject) {}
