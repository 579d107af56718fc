package io.soma.hub.functions.schedules;

/**
 * Output of {@code pauseSchedule} and {@code unpauseSchedule}: whether the schedule is paused now.
 */
public record ScheduleState(String scheduleId, boolean paused) {}
