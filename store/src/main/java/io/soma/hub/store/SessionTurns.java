package io.soma.hub.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The turns of conversation sessions: each user message with the reply it got, in order. */
public class SessionTurns {

  public record Turn(
      String sessionId, int turn, String content, String model, String provider, String reply) {}

  private static final String COLUMNS = "session_id, turn, content, model, provider, reply";

  private final JdbcClient jdbc;
  private final Clock clock;

  public SessionTurns(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<Turn> find(String sessionId, int turn) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM session_turns WHERE session_id = ? AND turn = ?")
        .params(sessionId, turn)
        .query(SessionTurns::turn)
        .optional();
  }

  /** The session's turns, first to last; for another tenant's session, none. */
  public List<Turn> list(String tenant, String sessionId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM session_turns WHERE session_id = ? AND tenant = ? ORDER BY turn")
        .params(sessionId, tenant)
        .query(SessionTurns::turn)
        .list();
  }

  /**
   * Records the turn unless it is there already, and returns the recorded one: an earlier attempt
   * wins.
   */
  public Turn recordIfAbsent(String tenant, Turn turn) {
    InsertOnce.insert(
        jdbc.sql(
                "INSERT INTO session_turns ("
                    + COLUMNS
                    + ", tenant, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .params(
                turn.sessionId(),
                turn.turn(),
                turn.content(),
                turn.model(),
                turn.provider(),
                turn.reply(),
                tenant,
                OffsetDateTime.now(clock)));
    return find(turn.sessionId(), turn.turn()).orElseThrow();
  }

  private static Turn turn(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Turn(
        rs.getString("session_id"),
        rs.getInt("turn"),
        rs.getString("content"),
        rs.getString("model"),
        rs.getString("provider"),
        rs.getString("reply"));
  }
}
