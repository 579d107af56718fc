package io.soma.hub.functions.sessions;

/**
 * Output of {@code closeSession}: the conversation has the request and ends COMPLETED once any turn
 * in flight is answered.
 */
public record SessionCloseRequested(String sessionId, boolean closeRequested) {}
