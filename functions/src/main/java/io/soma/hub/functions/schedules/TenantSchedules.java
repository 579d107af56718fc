package io.soma.hub.functions.schedules;

import io.soma.hub.orchestration.schedule.ScheduledSessionRequest;
import java.util.List;
import java.util.Optional;

/**
 * The tenants' schedules where they live (Temporal Schedules, {@link TemporalTenantSchedules}).
 * Every method takes the tenant: a schedule is found under its own tenant only, and another
 * tenant's reads as one that does not exist.
 */
public interface TenantSchedules {

  /**
   * A schedule to create.
   *
   * @param fingerprint a digest of the request, to tell an idempotent repeat from a reused
   *     Idempotency-Key
   * @param createdAt ISO-8601, the moment the gateway created it
   */
  record NewSchedule(
      String scheduleId,
      String cron,
      String timezone,
      ScheduledSessionRequest run,
      String fingerprint,
      String createdAt) {

    public String tenant() {
      return run.tenant();
    }
  }

  /**
   * Creates the schedule; returns false, creating nothing, when the same request created it
   * already.
   *
   * @throws io.soma.hub.functions.errors.IdempotencyKeyReusedException when another request created
   *     that id
   */
  boolean create(NewSchedule schedule);

  Optional<ScheduleView> describe(String tenant, String scheduleId);

  /** The tenant's schedules, oldest first. */
  List<SchedulePage.Summary> list(String tenant);

  /** Pauses or unpauses it; returns false when the tenant has no such schedule. */
  boolean setPaused(String tenant, String scheduleId, boolean paused);

  /**
   * Deletes it (runs under way go on to their end); returns false when the tenant has no such
   * schedule.
   */
  boolean delete(String tenant, String scheduleId);
}
