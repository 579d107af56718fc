package io.soma.hub.store;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What sessions did, step by step, as the worker's model activities write it and {@code GET
 * /v1/sessions/{id}/events} reads it: numbered per session, so a reader resumes after the last
 * number it saw.
 */
public class SessionEvents {

  /**
   * The first number a written event gets: 1 and 2 (accepted, moderated) are implied by the
   * session's existence.
   */
  public static final int FIRST_SEQ = 3;

  /** The most rows one statement inserts. */
  static final int ROWS_PER_INSERT = 100;

  /** An event to append: its kind and its JSON data. */
  public record NewEvent(String kind, String data) {}

  /** An event as recorded. */
  public record Event(int seq, String kind, String data) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public SessionEvents(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Appends the events after the session's last, in order, and returns the number of the last one.
   * A session has one writer at a time (its model activity); should an abandoned attempt still
   * write, the primary key keeps the numbers unique and the append starts again after the newest.
   */
  public int append(String tenant, String sessionId, List<NewEvent> events) {
    return append(tenant, sessionId, events, 0);
  }

  /**
   * The same, when the writer knows the number the next event should get ({@code next}, the last
   * append's result plus one): one statement instead of two. Should the number be taken, it appends
   * after the newest.
   */
  public int append(String tenant, String sessionId, List<NewEvent> events, int next) {
    for (int attempt = 1; ; attempt++) {
      if (next < FIRST_SEQ || attempt > 1) {
        next = nextSeq(sessionId);
      }
      try {
        for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
          insert(
              tenant,
              sessionId,
              next + from,
              events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT)));
        }
        return next + events.size() - 1;
      } catch (DuplicateKeyException raced) {
        if (attempt == 3) {
          throw raced;
        }
      }
    }
  }

  private void insert(String tenant, String sessionId, int firstSeq, List<NewEvent> rows) {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO session_events (session_id, seq, tenant, kind, data, recorded_at) VALUES ");
    List<Object> params = new ArrayList<>(rows.size() * 6);
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
      params.addAll(
          List.of(sessionId, firstSeq + i, tenant, rows.get(i).kind(), rows.get(i).data(), now));
    }
    jdbc.sql(sql.toString()).params(params).update();
  }

  private int nextSeq(String sessionId) {
    return jdbc.sql("SELECT COALESCE(MAX(seq) + 1, ?) FROM session_events WHERE session_id = ?")
        .params(FIRST_SEQ, sessionId)
        .query(Integer.class)
        .single();
  }

  /**
   * The session's events numbered after {@code seq}, at most {@code limit}, in order; another
   * tenant's: none.
   */
  public List<Event> after(String tenant, String sessionId, int seq, int limit) {
    return jdbc.sql(
            "SELECT seq, kind, data FROM session_events WHERE session_id = ? AND tenant = ? AND seq > ?"
                + " ORDER BY seq LIMIT ?")
        .params(sessionId, tenant, seq, limit)
        .query((rs, row) -> new Event(rs.getInt("seq"), rs.getString("kind"), rs.getString("data")))
        .list();
  }

  /** Deletes the events recorded before {@code cutoff}; returns how many. */
  public int deleteRecordedBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM session_events WHERE recorded_at < ?")
        .param(OffsetDateTime.ofInstant(cutoff, clock.getZone()))
        .update();
  }
}
