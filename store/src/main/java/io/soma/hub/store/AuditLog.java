package io.soma.hub.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Audit events. Recording is idempotent per event id: a second write of the same id changes
 * nothing.
 */
public class AuditLog {

  private final JdbcClient jdbc;
  private final Clock clock;

  public AuditLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Returns true when this call recorded the event, false when it was already there. */
  public boolean record(
      String eventId, String tenant, String subject, String kind, String payloadJson) {
    return InsertOnce.insert(
        jdbc.sql(
                "INSERT INTO audit_events (event_id, tenant, subject, kind, payload, recorded_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)")
            .params(eventId, tenant, subject, kind, payloadJson, OffsetDateTime.now(clock)));
  }

  public int countFor(String eventIdPrefix) {
    return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE event_id LIKE ?")
        .param(eventIdPrefix + "%")
        .query(Integer.class)
        .single();
  }
}
