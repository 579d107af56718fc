package io.soma.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class IdempotentRecordsTest {

  private final JdbcClient jdbc = EmbeddedStore.migrated();
  private final Clock clock = Clock.systemUTC();

  @Test
  void anAuditEventIsRecordedOncePerId() {
    AuditLog audit = new AuditLog(jdbc, clock);

    assertThat(audit.record("s1:completed", "acme", "ann", "session.completed", "{}")).isTrue();
    assertThat(audit.record("s1:completed", "acme", "ann", "session.completed", "{}")).isFalse();
    assertThat(audit.countFor("s1:")).isEqualTo(1);
  }

  @Test
  void theFirstRecordedCompletionWins() {
    SessionCompletions completions = new SessionCompletions(jdbc, clock);
    var first = new SessionCompletions.Completion("s1", "m", "offline", "first");

    assertThat(completions.recordIfAbsent("acme", first)).isEqualTo(first);
    assertThat(
            completions.recordIfAbsent(
                "acme", new SessionCompletions.Completion("s1", "m", "p", "second")))
        .isEqualTo(first);
    assertThat(completions.find("s2")).isEmpty();
  }
}
