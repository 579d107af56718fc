package io.soma.hub.functions.sessions;

import java.util.function.Function;

/** {@code listSessions}: a page of the caller's tenant's sessions, newest first. */
public class ListSessions implements Function<SessionListing, SessionPage> {

  private final SessionLister lister;

  public ListSessions(SessionLister lister) {
    this.lister = lister;
  }

  @Override
  public SessionPage apply(SessionListing listing) {
    return lister.list(listing);
  }
}
