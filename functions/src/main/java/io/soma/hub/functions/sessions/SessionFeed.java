package io.soma.hub.functions.sessions;

import io.soma.hub.functions.http.EventStream;
import io.soma.hub.functions.http.GatewayJson;
import io.soma.hub.store.SessionEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The events of one session for one client, as they happen. Numbered so that the client can resume
 * after the last one it received: 1 {@code accepted} and 2 {@code moderated} (every session that
 * exists was both), then what the worker writes to the hub store as the model answers (from 3:
 * {@code model.started}, {@code token}s, {@code model.completed} or {@code model.failed}, per turn
 * of a conversation), and last, once the workflow has closed, {@code completed}, {@code failed} or
 * {@code cancelled} with the id {@value #END}.
 */
public final class SessionFeed implements EventStream {

  public static final String END = "end";
  static final int ROWS_PER_POLL = 500;

  /**
   * How often the session's status is read while it runs; more often just after a model call ended.
   */
  static final Duration STATUS_EVERY = Duration.ofSeconds(1);

  static final Duration STATUS_EVERY_NEAR_THE_END = Duration.ofMillis(200);

  private final SessionReader reader;
  private final SessionEvents events;
  private final String tenant;
  private final String sessionId;
  private int after;
  private boolean ended;
  private boolean modelEnded;
  private long statusReadNanos;

  SessionFeed(
      SessionReader reader, SessionEvents events, String tenant, String sessionId, int after) {
    this.reader = reader;
    this.events = events;
    this.tenant = tenant;
    this.sessionId = sessionId;
    this.after = after;
  }

  /** For a client that already received the end: nothing more. */
  static SessionFeed over(String sessionId) {
    SessionFeed feed = new SessionFeed(null, null, null, sessionId, 0);
    feed.ended = true;
    return feed;
  }

  @Override
  public boolean ended() {
    return ended;
  }

  @Override
  public List<Event> poll() {
    if (ended) {
      return List.of();
    }
    List<Event> ready = new ArrayList<>();
    if (after < 1) {
      ready.add(new Event("1", "accepted", json(Map.of("session_id", sessionId))));
    }
    if (after < 2) {
      ready.add(
          new Event("2", "moderated", json(Map.of("session_id", sessionId, "verdict", "allowed"))));
      after = 2;
    }
    List<SessionEvents.Event> rows = events.after(tenant, sessionId, after, ROWS_PER_POLL);
    add(rows, ready);
    if (rows.size() == ROWS_PER_POLL) {
      return ready;
    }
    long now = System.nanoTime();
    Duration every = modelEnded ? STATUS_EVERY_NEAR_THE_END : STATUS_EVERY;
    if (statusReadNanos == 0 || now - statusReadNanos >= every.toNanos()) {
      statusReadNanos = now;
      SessionView.Status status =
          SessionReader.orchestrator(
              sessionId, () -> reader.describeOwn(tenant, sessionId).status());
      if (!status.open()) {
        // What the worker wrote just before the workflow closed comes before the end.
        add(events.after(tenant, sessionId, after, Integer.MAX_VALUE), ready);
        ready.add(end(reader.read(tenant, sessionId)));
        ended = true;
      }
    }
    return ready;
  }

  private void add(List<SessionEvents.Event> rows, List<Event> ready) {
    for (SessionEvents.Event row : rows) {
      ready.add(new Event(Integer.toString(row.seq()), row.kind(), row.data()));
      after = row.seq();
      modelEnded = row.kind().equals("model.completed") || row.kind().equals("model.failed");
    }
  }

  private Event end(SessionView view) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("session_id", sessionId);
    data.put("status", view.status().name());
    if (view.result() != null) {
      data.put("result", view.result());
    }
    if (view.error() != null) {
      data.put("error", view.error());
    }
    return new Event(END, view.status().name().toLowerCase(Locale.ROOT), json(data));
  }

  private static String json(Object data) {
    return GatewayJson.MAPPER.writeValueAsString(data);
  }
}
