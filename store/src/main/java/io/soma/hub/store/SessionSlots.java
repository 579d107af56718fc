package io.soma.hub.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sessions counted against their tenant's quota of sessions running at once. The gateway claims
 * a session's slot before it starts the workflow and gives it back when no workflow started; the
 * worker releases the slots of workflows that have closed. A slot lapses by itself at its {@code
 * expires_at}, when the workflow's execution timeout has ended it for sure.
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

  /**
   * What a claim did. {@code running} is the tenant's slots in force when the claim was refused or
   * the session held its slot already; a claim that took a slot does not count them (-1).
   */
  public record Claim(Outcome outcome, int running) {}

  private static final int CLAIMED_RUNNING_NOT_COUNTED = -1;

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
   * Claims a slot for the session unless its tenant already holds {@code quota} slots in force.
   * Claims of one tenant hold a lock on the tenant's row while they count and insert, so concurrent
   * claims on any number of instances never take more slots than the quota.
   *
   * @param holdAtMost when the slot lapses if nobody releases it
   */
  public Claim claim(String tenant, String sessionId, int quota, Duration holdAtMost) {
    Optional<Claim> claim = claimUnderLock(tenant, sessionId, quota, holdAtMost);
    if (claim.isEmpty()) {
      // The tenant's first claim creates its row, in a statement of its own: on PostgreSQL the
      // duplicate key of a
      // concurrent first claim would abort a transaction.
      InsertOnce.insert(
          jdbc.sql("INSERT INTO session_slot_tenants (tenant) VALUES (?)").param(tenant));
      claim = claimUnderLock(tenant, sessionId, quota, holdAtMost);
    }
    return claim.orElseThrow(
        () -> new IllegalStateException("no row for tenant " + tenant + " to lock"));
  }

  /**
   * The claim, in a transaction that holds the tenant's row locked; empty when the tenant has no
   * row yet.
   */
  private Optional<Claim> claimUnderLock(
      String tenant, String sessionId, int quota, Duration holdAtMost) {
    return transactions.execute(
        status ->
            lockTenant(tenant)
                ? Optional.of(claimLocked(tenant, sessionId, quota, holdAtMost))
                : Optional.empty());
  }

  private boolean lockTenant(String tenant) {
    return jdbc.sql("SELECT tenant FROM session_slot_tenants WHERE tenant = ? FOR UPDATE")
        .param(tenant)
        .query(String.class)
        .optional()
        .isPresent();
  }

  /**
   * Under the tenant's lock. The common case, a free slot, is one statement: the insert happens
   * unless the session holds a slot already or the tenant is at its quota; only a refused insert
   * asks which of the two it was. A release takes no lock, so one between the insert and the
   * questions answers neither: then the insert is tried again.
   */
  private Claim claimLocked(String tenant, String sessionId, int quota, Duration holdAtMost) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    while (true) {
      if (insertIfFree(tenant, sessionId, quota, now, holdAtMost)) {
        return new Claim(Outcome.CLAIMED, CLAIMED_RUNNING_NOT_COUNTED);
      }
      int running = running(tenant, now);
      if (holds(tenant, sessionId)) {
        return new Claim(Outcome.ALREADY_HELD, running);
      }
      if (running >= quota) {
        return new Claim(Outcome.QUOTA_FULL, running);
      }
    }
  }

  private boolean insertIfFree(
      String tenant, String sessionId, int quota, OffsetDateTime now, Duration holdAtMost) {
    return jdbc.sql(
                """
                INSERT INTO session_slots (session_id, tenant, claimed_at, expires_at)
                SELECT CAST(? AS VARCHAR(100)), CAST(? AS VARCHAR(200)), CAST(? AS TIMESTAMP WITH TIME ZONE),
                       CAST(? AS TIMESTAMP WITH TIME ZONE)
                WHERE NOT EXISTS (SELECT 1 FROM session_slots WHERE session_id = ?)
                  AND (SELECT COUNT(*) FROM session_slots WHERE tenant = ? AND expires_at > ?) < ?
                """)
            .params(sessionId, tenant, now, now.plus(holdAtMost), sessionId, tenant, now, quota)
            .update()
        == 1;
  }

  /** Gives the session's slot back; returns false when it held none. */
  public boolean release(String sessionId) {
    return jdbc.sql("DELETE FROM session_slots WHERE session_id = ?").param(sessionId).update()
        == 1;
  }

  /** The tenant's slots in force. */
  public int running(String tenant) {
    return running(tenant, OffsetDateTime.now(clock));
  }

  /** The slots claimed before {@code instant}, oldest first, at most {@code limit}. */
  public List<Held> claimedBefore(Instant instant, int limit) {
    return jdbc.sql(
            "SELECT session_id, claimed_at FROM session_slots WHERE claimed_at < ? ORDER BY claimed_at LIMIT ?")
        .params(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), limit)
        .query(
            (row, number) ->
                new Held(
                    row.getString("session_id"),
                    row.getObject("claimed_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** Deletes the slots that have lapsed; returns how many. */
  public int releaseLapsed() {
    return jdbc.sql("DELETE FROM session_slots WHERE expires_at <= ?")
        .param(OffsetDateTime.now(clock))
        .update();
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
