package io.soma.hub.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sessions counted against their tenant's quota of sessions running at once. The gateway claims a session's
 * slot before it starts the workflow and gives it back when no workflow started; the worker releases the slots of
 * workflows that have closed. A slot lapses by itself at its {@code expires_at}, when the workflow's execution
 * timeout has ended it for sure.
 */
public class SessionSlots {

  public enum Outcome {
    /** A slot was free and is now the session's. */
    CLAIMED,
    /** The session holds its slot already (a repeat of the request that claimed it). */
    ALREADY_HELD,
    /** The tenant holds as many slots as its quota: nothing was claimed. */
    QUOTA_FULL
  }

  /** What a claim did, and the tenant's slots in force after it. */
  public record Claim(Outcome outcome, int running) {}

  /** A slot held, and since when. */
  public record Held(String sessionId, Instant claimedAt) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public SessionSlots(DataSource dataSource, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.clock = clock;
  }

  /**
   * Claims a slot for the session unless its tenant already holds {@code quota} slots in force. Claims of one tenant
   * hold a lock on the tenant's row while they count and insert, so concurrent claims on any number of instances
   * never take more slots than the quota.
   *
   * @param holdAtMost when the slot lapses if nobody releases it
   */
  public Claim claim(String tenant, String sessionId, int quota, Duration holdAtMost) {
    Optional<Claim> claim = claimUnderLock(tenant, sessionId, quota, holdAtMost);
    if (claim.isEmpty()) {
      // The tenant's first claim creates its row, in a statement of its own: on PostgreSQL the duplicate key of a
      // concurrent first claim would abort a transaction.
      InsertOnce.insert(jdbc.sql("INSERT INTO session_slot_tenants (tenant) VALUES (?)").param(tenant));
      claim = claimUnderLock(tenant, sessionId, quota, holdAtMost);
    }
    return claim.orElseThrow(() -> new IllegalStateException("no row for tenant " + tenant + " to lock"));
  }

  /** The claim, in a transaction that holds the tenant's row locked; empty when the tenant has no row yet. */
  private Optional<Claim> claimUnderLock(String tenant, String sessionId, int quota, Duration holdAtMost) {
    return transactions.execute(
        status ->
            lockTenant(tenant) ? Optional.of(claimLocked(tenant, sessionId, quota, holdAtMost)) : Optional.empty());
  }

  private boolean lockTenant(String tenant) {
    return jdbc.sql("SELECT tenant FROM session_slot_tenants WHERE tenant = ? FOR UPDATE")
        .param(tenant)
        .query(String.class)
        .optional()
        .isPresent();
  }

  private Claim claimLocked(String tenant, String sessionId, int quota, Duration holdAtMost) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    int running = running(tenant, now);
    if (holds(tenant, sessionId)) {
      return new Claim(Outcome.ALREADY_HELD, running);
    }
    if (running >= quota) {
      return new Claim(Outcome.QUOTA_FULL, running);
    }
    jdbc.sql("INSERT INTO session_slots (session_id, tenant, claimed_at, expires_at) VALUES (?, ?, ?, ?)")
        .params(sessionId, tenant, now, now.plus(holdAtMost))
        .update();
    return new Claim(Outcome.CLAIMED, running + 1);
  }

  /** Gives the session's slot back; returns false when it held none. */
  public boolean release(String sessionId) {
    return jdbc.sql("DELETE FROM session_slots WHERE session_id = ?").param(sessionId).update() == 1;
  }

  /** The tenant's slots in force. */
  public int running(String tenant) {
    return running(tenant, OffsetDateTime.now(clock));
  }

  /** The slots held, oldest first, at most {@code limit}. */
  public List<Held> held(int limit) {
    return jdbc.sql("SELECT session_id, claimed_at FROM session_slots ORDER BY claimed_at LIMIT ?")
        .param(limit)
        .query(
            (row, number) ->
                new Held(row.getString("session_id"), row.getObject("claimed_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** Deletes the slots that have lapsed; returns how many. */
  public int releaseLapsed() {
    return jdbc.sql("DELETE FROM session_slots WHERE expires_at <= ?").param(OffsetDateTime.now(clock)).update();
  }

  private int running(String tenant, OffsetDateTime now) {
    return jdbc.sql("SELECT COUNT(*) FROM session_slots WHERE tenant = ? AND expires_at > ?")
        .params(tenant, now)
        .query(Integer.class)
        .single();
  }

  private boolean holds(String tenant, String sessionId) {
    return jdbc.sql("SELECT COUNT(*) FROM session_slots WHERE session_id = ? AND tenant = ?")
        .params(sessionId, tenant)
        .query(Integer.class)
        .single()
        > 0;
  }
}
