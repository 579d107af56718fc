package io.soma.hub.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The model reply recorded for each session, so a retried completion does not ask the provider
 * again.
 */
public class SessionCompletions {

  public record Completion(String sessionId, String model, String provider, String reply) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public SessionCompletions(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<Completion> find(String sessionId) {
    return jdbc.sql(
            "SELECT session_id, model, provider, reply FROM session_completions WHERE session_id = ?")
        .param(sessionId)
        .query(
            (rs, row) ->
                new Completion(
                    rs.getString("session_id"),
                    rs.getString("model"),
                    rs.getString("provider"),
                    rs.getString("reply")))
        .optional();
  }

  /**
   * Records the completion unless one is already there, and returns the one that is recorded: a
   * concurrent or earlier attempt wins, so every reader sees the same reply.
   */
  public Completion recordIfAbsent(String tenant, Completion completion) {
    InsertOnce.insert(
        jdbc.sql(
                "INSERT INTO session_completions (session_id, tenant, model, provider, reply, completed_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)")
            .params(
                completion.sessionId(),
                tenant,
                completion.model(),
                completion.provider(),
                completion.reply(),
                OffsetDateTime.now(clock)));
    return find(completion.sessionId()).orElseThrow();
  }
}
