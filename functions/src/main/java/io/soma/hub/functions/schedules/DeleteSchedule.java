package io.soma.hub.functions.schedules;

import io.soma.hub.orchestration.schedule.ScheduleIds;
import java.util.function.Function;

/**
 * {@code deleteSchedule}: no run starts after it; a run under way, and its session, go on to their
 * end. The schedule's seat of its tenant's limit is free again.
 */
public class DeleteSchedule implements Function<ScheduleLookup, ScheduleDeleted> {

  private final TenantSchedules schedules;
  private final ScheduleLimit limit;

  public DeleteSchedule(TenantSchedules schedules, ScheduleLimit limit) {
    this.schedules = schedules;
    this.limit = limit;
  }

  @Override
  public ScheduleDeleted apply(ScheduleLookup lookup) {
    if (!ScheduleIds.isScheduleId(lookup.scheduleId())
        || !schedules.delete(lookup.caller().tenant(), lookup.scheduleId())) {
      throw GetSchedule.notFound();
    }
    limit.release(lookup.scheduleId());
    return new ScheduleDeleted(lookup.scheduleId());
  }
}
