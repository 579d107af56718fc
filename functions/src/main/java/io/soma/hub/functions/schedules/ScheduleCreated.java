package io.soma.hub.functions.schedules;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Output of {@code createSchedule}. {@code replayed} is true when an Idempotency-Key matched an
 * earlier request and nothing new was created.
 */
public record ScheduleCreated(String scheduleId, @JsonIgnore boolean replayed) {}
