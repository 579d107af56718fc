package io.soma.hub.functions.sessions;

/**
 * Output of {@code cancelSession}: Temporal has the request; the session ends CANCELLED shortly.
 */
public record SessionCancelRequested(String sessionId, boolean cancelRequested) {}
