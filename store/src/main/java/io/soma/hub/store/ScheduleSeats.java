package io.soma.hub.store;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The seats of a tenant's schedules, numbered from 0 up to the tenant's limit: a schedule holds one
 * from before its Temporal Schedule is created until it is deleted. A seat is taken by inserting
 * its row, so the primary key, not a count, decides a race: two creates on any instances never take
 * one seat, nor more seats than the limit.
 */
public class ScheduleSeats {

  public enum Outcome {
    /** A seat was free and is now the schedule's. */
    CLAIMED,
    /** The schedule holds a seat already (a repeat of the request that took it). */
    ALREADY_HELD,
    /** Every seat up to the limit is taken: nothing was claimed. */
    FULL
  }

  /** A seat held, and since when. */
  public record Held(String scheduleId, Instant claimedAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public ScheduleSeats(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Takes the first free seat below {@code limit} for the schedule. A tenant that holds {@code
   * limit} seats or more (the limit was lowered) gets none, whichever seats are free.
   */
  public Outcome claim(String tenant, String scheduleId, int limit) {
    if (holds(scheduleId)) {
      return Outcome.ALREADY_HELD;
    }
    if (held(tenant).size() >= limit) {
      return Outcome.FULL;
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (int seat = 0; seat < limit; seat++) {
      boolean taken =
          InsertOnce.insert(
              jdbc.sql(
                      "INSERT INTO schedule_seats (tenant, seat, schedule_id, claimed_at) VALUES (?, ?, ?, ?)")
                  .params(tenant, seat, scheduleId, now));
      if (taken) {
        return Outcome.CLAIMED;
      }
      // The seat is taken, or the schedule took another one meanwhile (a concurrent repeat): its id
      // is unique.
      if (holds(scheduleId)) {
        return Outcome.ALREADY_HELD;
      }
    }
    return Outcome.FULL;
  }

  /** Frees the schedule's seat; returns false when it held none. */
  public boolean release(String scheduleId) {
    return jdbc.sql("DELETE FROM schedule_seats WHERE schedule_id = ?").param(scheduleId).update()
        == 1;
  }

  /** The tenant's seats, oldest first. */
  public List<Held> held(String tenant) {
    return jdbc.sql(
            "SELECT schedule_id, claimed_at FROM schedule_seats WHERE tenant = ? ORDER BY claimed_at, seat")
        .param(tenant)
        .query(
            (row, number) ->
                new Held(
                    row.getString("schedule_id"),
                    row.getObject("claimed_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  private boolean holds(String scheduleId) {
    return jdbc.sql("SELECT COUNT(*) FROM schedule_seats WHERE schedule_id = ?")
            .param(scheduleId)
            .query(Integer.class)
            .single()
        > 0;
  }
}
