package io.soma.hub.functions.schedules;

import io.soma.hub.orchestration.schedule.ScheduleIds;
import java.util.function.Function;

/**
 * {@code pauseSchedule} and {@code unpauseSchedule}: a paused schedule starts no run until unpaused
 * (runs it missed meanwhile are not caught up). Either on a schedule already so answers the same.
 */
public class PauseSchedule implements Function<ScheduleLookup, ScheduleState> {

  private final TenantSchedules schedules;
  private final boolean pause;

  public PauseSchedule(TenantSchedules schedules, boolean pause) {
    this.schedules = schedules;
    this.pause = pause;
  }

  @Override
  public ScheduleState apply(ScheduleLookup lookup) {
    if (!ScheduleIds.isScheduleId(lookup.scheduleId())
        || !schedules.setPaused(lookup.caller().tenant(), lookup.scheduleId(), pause)) {
      throw GetSchedule.notFound();
    }
    return new ScheduleState(lookup.scheduleId(), pause);
  }
}
