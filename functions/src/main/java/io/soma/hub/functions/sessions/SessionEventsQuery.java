package io.soma.hub.functions.sessions;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.errors.InvalidInputException;

/**
 * Input of {@code sessionEvents}: whose session, and where the client stands ({@code
 * Last-Event-ID}): none (from the start), the number of the last event it received, or {@link
 * SessionFeed#END} once it received the end.
 */
public record SessionEventsQuery(Caller caller, String sessionId, int after, boolean ended) {

  public static final String LAST_EVENT_ID = "Last-Event-ID";

  /** Reads the {@code Last-Event-ID} header; anything the stream never sent is 400. */
  public static SessionEventsQuery of(Caller caller, String sessionId, String lastEventId) {
    if (lastEventId == null || lastEventId.isEmpty()) {
      return new SessionEventsQuery(caller, sessionId, 0, false);
    }
    if (lastEventId.equals(SessionFeed.END)) {
      return new SessionEventsQuery(caller, sessionId, 0, true);
    }
    if (!lastEventId.matches("[1-9][0-9]{0,8}")) {
      throw new InvalidInputException(
          LAST_EVENT_ID,
          "must be the id of an event this stream sent: a number from 1, or \""
              + SessionFeed.END
              + "\"");
    }
    return new SessionEventsQuery(caller, sessionId, Integer.parseInt(lastEventId), false);
  }
}
