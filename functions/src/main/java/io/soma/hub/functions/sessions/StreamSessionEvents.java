package io.soma.hub.functions.sessions;

import io.soma.hub.store.SessionEvents;
import java.util.function.Function;

/**
 * {@code sessionEvents}: the caller's own session's events as they happen, from where the client
 * stands. Another tenant's session, or an unknown one, is not found before anything streams.
 */
public class StreamSessionEvents implements Function<SessionEventsQuery, SessionFeed> {

  private final SessionReader reader;
  private final SessionEvents events;

  public StreamSessionEvents(SessionReader reader, SessionEvents events) {
    this.reader = reader;
    this.events = events;
  }

  @Override
  public SessionFeed apply(SessionEventsQuery query) {
    String tenant = query.caller().tenant();
    SessionReader.orchestrator(
        query.sessionId(), () -> reader.describeOwn(tenant, query.sessionId()));
    return query.ended()
        ? SessionFeed.over(query.sessionId())
        : new SessionFeed(reader, events, tenant, query.sessionId(), query.after());
  }
}
