package io.soma.hub.functions.sessions;

import java.util.function.Function;

/**
 * {@code closeSession}: ends the caller's open conversation once any turn in flight is answered.
 */
public class CloseSession implements Function<SessionLookup, SessionCloseRequested> {

  private final Conversations conversations;

  public CloseSession(Conversations conversations) {
    this.conversations = conversations;
  }

  @Override
  public SessionCloseRequested apply(SessionLookup lookup) {
    return conversations.close(lookup.caller().tenant(), lookup.sessionId());
  }
}
