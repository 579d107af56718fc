package io.soma.hub.functions.sessions;

import java.util.function.Function;

/** {@code getSession}: the caller's own session, its status, steps and result. */
public class GetSession implements Function<SessionLookup, SessionView> {

  private final SessionReader reader;

  public GetSession(SessionReader reader) {
    this.reader = reader;
  }

  @Override
  public SessionView apply(SessionLookup lookup) {
    return reader.read(lookup.caller().tenant(), lookup.sessionId());
  }
}
