package io.soma.hub.orchestration.session;

import io.soma.hub.store.AuditLog;
import io.soma.hub.store.SessionCompletions;
import io.soma.hub.store.SessionEvents;
import io.soma.hub.store.SessionSlots;
import io.soma.hub.store.SessionTurns;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The real hub store on a fresh in-memory H2 database with the hub migrations applied. */
public record HubStoreFixture(
    JdbcClient jdbc,
    AuditLog auditLog,
    SessionCompletions completions,
    SessionSlots slots,
    SessionTurns turns,
    SessionEvents events) {

  public static HubStoreFixture migrated() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    Clock clock = Clock.systemUTC();
    return new HubStoreFixture(
        jdbc,
        new AuditLog(jdbc, clock),
        new SessionCompletions(jdbc, clock),
        new SessionSlots(dataSource, clock),
        new SessionTurns(jdbc, clock),
        new SessionEvents(jdbc, clock));
  }

  int completionsRecordedFor(String sessionId) {
    return jdbc.sql("SELECT COUNT(*) FROM session_completions WHERE session_id = ?")
        .param(sessionId)
        .query(Integer.class)
        .single();
  }

  String auditPayload(String eventId) {
    return jdbc.sql("SELECT payload FROM audit_events WHERE event_id = ?")
        .param(eventId)
        .query(String.class)
        .single();
  }
}
