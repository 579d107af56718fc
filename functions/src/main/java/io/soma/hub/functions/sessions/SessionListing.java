package io.soma.hub.functions.sessions;

import io.soma.hub.functions.caller.Caller;

/**
 * Input of the {@code listSessions} function: the caller's sessions, optionally only those in one
 * status, a page of at most {@code limit} after {@code cursor} (null for the first page).
 */
public record SessionListing(Caller caller, SessionView.Status status, String cursor, int limit) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
}
