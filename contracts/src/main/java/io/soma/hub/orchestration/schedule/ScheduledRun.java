package io.soma.hub.orchestration.schedule;

/**
 * How one run of a schedule ended: the session it started and ran to its end, or none, and why.
 *
 * @param sessionId the session the run started or would have started
 * @param outcome {@link #COMPLETED}, {@link #FAILED}, {@link #CANCELLED}, {@link #SKIPPED_QUOTA} or
 *     {@link #SKIPPED_KILL_SWITCH}
 */
public record ScheduledRun(String sessionId, String outcome) {

  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  /** The tenant had as many sessions running as its quota: no session was started. */
  public static final String SKIPPED_QUOTA = "skipped_quota";

  /** The kill switch was engaged: no session was started. */
  public static final String SKIPPED_KILL_SWITCH = "skipped_kill_switch";
}
