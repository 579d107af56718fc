package io.soma.hub.store;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moderation strikes per tenant and user. A strike counts for {@code window} after it was recorded.
 */
public class ModerationStrikes {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration window;

  public ModerationStrikes(JdbcClient jdbc, Clock clock, Duration window) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.window = window;
  }

  /** Records one strike and returns how many are in force now, this one included. */
  public int strike(String tenant, String subject) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    jdbc.sql("INSERT INTO moderation_strikes (tenant, subject, struck_at) VALUES (?, ?, ?)")
        .params(tenant, subject, now)
        .update();
    return countSince(tenant, subject, now.minus(window));
  }

  public int inForce(String tenant, String subject) {
    return countSince(tenant, subject, OffsetDateTime.now(clock).minus(window));
  }

  /** Deletes strikes that no longer count; returns how many were removed. */
  public int purgeExpired() {
    return jdbc.sql("DELETE FROM moderation_strikes WHERE struck_at <= ?")
        .param(OffsetDateTime.now(clock).minus(window))
        .update();
  }

  private int countSince(String tenant, String subject, OffsetDateTime since) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM moderation_strikes WHERE tenant = ? AND subject = ? AND struck_at > ?")
        .params(tenant, subject, since)
        .query(Integer.class)
        .single();
  }
}
