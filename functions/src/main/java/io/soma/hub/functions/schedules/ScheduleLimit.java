package io.soma.hub.functions.schedules;

import io.soma.hub.functions.errors.ConflictException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.store.ScheduleSeats;
import io.soma.hub.store.ScheduleSeats.Held;
import io.soma.hub.store.ScheduleSeats.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The most schedules a tenant may have ({@code HUB_SCHEDULES_PER_TENANT}): a schedule takes a seat
 * in the hub store before its Temporal Schedule is created, and gives it back when it is deleted;
 * exact across instances and concurrent creates ({@link ScheduleSeats}). A seat whose schedule
 * Temporal does not know (a create that failed midway, a delete whose release failed) is freed when
 * the tenant is at its limit.
 */
public class ScheduleLimit {

  /** The name of the limit in a 409. */
  public static final String LIMIT = "schedules";

  /**
   * Longer than a create takes: a younger seat may belong to a schedule being created right now.
   */
  static final Duration GRACE = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(ScheduleLimit.class);

  private final ScheduleSeats seats;
  private final int perTenant;
  private final TenantSchedules schedules;
  private final Clock clock;

  public ScheduleLimit(ScheduleSeats seats, int perTenant, TenantSchedules schedules, Clock clock) {
    if (perTenant < 1) {
      throw new IllegalArgumentException(
          "HUB_SCHEDULES_PER_TENANT must be at least 1, got " + perTenant);
    }
    this.seats = seats;
    this.perTenant = perTenant;
    this.schedules = schedules;
    this.clock = clock;
  }

  /**
   * What to do when the schedule was not created after all: give back the seat this claim took, if
   * it took one.
   */
  public interface Seat {
    void giveBack();
  }

  /**
   * Takes the schedule's seat, or refuses it when the tenant has as many schedules as the limit.
   *
   * @throws ConflictException at the limit (409): nothing was claimed
   * @throws UnavailableException when the store cannot be reached
   */
  public Seat claim(String tenant, String scheduleId) {
    try {
      Outcome outcome = seats.claim(tenant, scheduleId, perTenant);
      if (outcome == Outcome.FULL && freeLostSeats(tenant)) {
        outcome = seats.claim(tenant, scheduleId, perTenant);
      }
      if (outcome == Outcome.FULL) {
        throw new ConflictException(
            "the tenant has " + perTenant + " schedules, its limit; delete one to create another",
            Map.of("limit", LIMIT, "capacity", perTenant));
      }
      return outcome == Outcome.CLAIMED ? () -> release(scheduleId) : () -> {};
    } catch (DataAccessException e) {
      throw new UnavailableException(
          "the schedule limit cannot be checked: the hub store cannot be reached", e);
    }
  }

  /** Frees a deleted schedule's seat; a failure leaves it to {@link #freeLostSeats}. */
  public void release(String scheduleId) {
    try {
      seats.release(scheduleId);
    } catch (DataAccessException e) {
      log.warn(
          "Could not free the seat of schedule {}; it is freed when its tenant is at its limit: {}",
          scheduleId,
          e.getMessage());
    }
  }

  private boolean freeLostSeats(String tenant) {
    Instant settled = clock.instant().minus(GRACE);
    boolean freed = false;
    for (Held held : seats.held(tenant)) {
      if (held.claimedAt().isBefore(settled)
          && schedules.describe(tenant, held.scheduleId()).isEmpty()) {
        log.info(
            "Freeing the seat of schedule {} of tenant {}: Temporal has no such schedule",
            held.scheduleId(),
            tenant);
        freed |= seats.release(held.scheduleId());
      }
    }
    return freed;
  }
}
