package io.soma.hub.orchestration.session;

/**
 * A user's message to an open conversation ({@link SessionWorkflow#message}); the subject comes
 * from the token. {@code fingerprint} is a digest of the request that sent it, echoed in the reply:
 * an update repeated with the same Idempotency-Key gets the first one's reply from Temporal, and
 * the gateway tells a repeat from a reused key by it.
 */
public record TurnMessage(String content, String subject, String fingerprint) {}
