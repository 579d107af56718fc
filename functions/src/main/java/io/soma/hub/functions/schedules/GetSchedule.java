package io.soma.hub.functions.schedules;

import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.orchestration.schedule.ScheduleIds;
import java.util.function.Function;

/** {@code getSchedule}: the caller's own schedule, with its next runs and its recent ones. */
public class GetSchedule implements Function<ScheduleLookup, ScheduleView> {

  private final TenantSchedules schedules;

  public GetSchedule(TenantSchedules schedules) {
    this.schedules = schedules;
  }

  @Override
  public ScheduleView apply(ScheduleLookup lookup) {
    if (!ScheduleIds.isScheduleId(lookup.scheduleId())) {
      throw notFound();
    }
    return schedules
        .describe(lookup.caller().tenant(), lookup.scheduleId())
        .orElseThrow(GetSchedule::notFound);
  }

  /** Also the answer for another tenant's schedule, and for an id outside the grammar. */
  static NotFoundException notFound() {
    return new NotFoundException("no such schedule");
  }
}
