package io.soma.hub.functions.schedules;

import java.util.List;

/** Output of {@code listSchedules}: every schedule of the tenant, oldest first. */
public record SchedulePage(List<Summary> schedules) {

  /**
   * @param nextRun when it is next due; null while paused
   */
  public record Summary(
      String scheduleId,
      String cron,
      String timezone,
      boolean paused,
      String createdAt,
      String nextRun) {}
}
