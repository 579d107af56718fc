package io.soma.hub.functions.schedules;

import java.util.List;

/**
 * Output of {@code getSchedule}. Times are ISO-8601 with the offset of the schedule's time zone at
 * that moment.
 *
 * @param nextRuns the next times it is due (up to five; none while paused)
 * @param recentRuns its latest runs, oldest first, each with the session it started
 */
public record ScheduleView(
    String scheduleId,
    String cron,
    String timezone,
    String prompt,
    boolean paused,
    String createdAt,
    List<String> nextRuns,
    List<Run> recentRuns) {

  /**
   * One run: when it was due, when it started, and the session it started (or, when it was skipped,
   * would have).
   */
  public record Run(String sessionId, String scheduledAt, String startedAt) {}
}
