package io.soma.hub.orchestration.schedule;

import io.soma.hub.store.SessionSlots;
import java.time.Duration;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class ScheduleActivitiesImpl implements ScheduleActivities {

  private static final Logger log = LoggerFactory.getLogger(ScheduleActivitiesImpl.class);

  private final SessionSlots slots;
  private final ToIntFunction<String> quota;
  private final boolean killSwitch;
  private final Duration holdAtMost;

  /**
   * @param quota the most sessions a tenant may have running at once; null: no quota (the limits
   *     are off)
   * @param holdAtMost when a slot nobody released lapses: the session's execution timeout and a
   *     margin
   */
  public ScheduleActivitiesImpl(
      SessionSlots slots, ToIntFunction<String> quota, boolean killSwitch, Duration holdAtMost) {
    this.slots = slots;
    this.quota = quota;
    this.killSwitch = killSwitch;
    this.holdAtMost = holdAtMost;
  }

  @Override
  public Admission admit(String tenant, String sessionId) {
    if (killSwitch) {
      log.info(
          "Scheduled session {} of tenant {} not started: the kill switch is engaged",
          sessionId,
          tenant);
      return Admission.KILL_SWITCH;
    }
    if (quota == null) {
      return Admission.ADMITTED;
    }
    SessionSlots.Claim claim = slots.claim(tenant, sessionId, quota.applyAsInt(tenant), holdAtMost);
    if (claim.outcome() == SessionSlots.Outcome.QUOTA_FULL) {
      log.info(
          "Scheduled session {} of tenant {} not started: {} sessions running, its quota",
          sessionId,
          tenant,
          claim.running());
      return Admission.QUOTA_FULL;
    }
    return Admission.ADMITTED;
  }
}
