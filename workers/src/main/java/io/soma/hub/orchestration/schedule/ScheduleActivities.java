package io.soma.hub.orchestration.schedule;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What a schedule's run asks of the worker before it starts its session. */
@ActivityInterface
public interface ScheduleActivities {

  /** Whether a run may start its session. */
  enum Admission {
    ADMITTED,
    /** The tenant has as many sessions running as its quota allows. */
    QUOTA_FULL,
    /** The kill switch is engaged: no new session starts. */
    KILL_SWITCH
  }

  /**
   * Admits the run's session: the kill switch, then a slot of the tenant's quota of running
   * sessions, claimed under the session's id as the gateway claims one (the session's audit step
   * frees it, or the worker's sweep once the session has closed). Claiming again for the same
   * session finds the slot held and admits it.
   */
  @ActivityMethod(name = "admitScheduledSession")
  Admission admit(String tenant, String sessionId);
}
