package io.soma.hub.functions.sessions;

import java.util.function.Function;

/** {@code cancelSession}: asks a running session of the caller's tenant to stop. */
public class CancelSession implements Function<SessionLookup, SessionCancelRequested> {

  private final SessionCanceller canceller;

  public CancelSession(SessionCanceller canceller) {
    this.canceller = canceller;
  }

  @Override
  public SessionCancelRequested apply(SessionLookup lookup) {
    return canceller.cancel(lookup.caller().tenant(), lookup.sessionId());
  }
}
