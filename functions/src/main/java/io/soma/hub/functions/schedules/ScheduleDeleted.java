package io.soma.hub.functions.schedules;

/** Output of {@code deleteSchedule} (answered 204, without a body): which schedule is gone. */
public record ScheduleDeleted(String scheduleId) {}
