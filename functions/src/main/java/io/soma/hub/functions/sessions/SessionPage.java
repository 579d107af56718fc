package io.soma.hub.functions.sessions;

import java.time.Instant;
import java.util.List;

/**
 * Output of {@code listSessions}: one page, newest first; {@code nextCursor} is null on the last
 * page.
 *
 * @param sessions each with its status and when it started and ended (null while it runs)
 */
public record SessionPage(List<Summary> sessions, String nextCursor) {

  public record Summary(
      String sessionId, SessionView.Status status, Instant createdAt, Instant endedAt) {}
}
