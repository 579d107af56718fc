package io.soma.hub.functions.limits;

import io.soma.hub.functions.errors.QuotaExceededException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.store.SessionSlots;
import io.soma.hub.store.SessionSlots.Claim;
import io.soma.hub.store.SessionSlots.Outcome;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The quota on a tenant's sessions running at once. A session claims a slot in the hub store before
 * its workflow is started, exact across every instance; the worker frees it at the session's last
 * step, or once Temporal says the workflow closed otherwise (SessionSlotSweeper).
 *
 * <p>Unlike the rate limits this fails closed: a session start needs the hub store anyway
 * (moderation answers 503 without it), and a session started without a slot would run outside the
 * quota until it ends.
 */
public class SessionQuota {

  /** A name in problems and metrics, like a route class's. */
  public static final String LIMIT = "running_sessions";

  private static final Logger log = LoggerFactory.getLogger(SessionQuota.class);

  private final SessionSlots slots;
  private final LimitSettings settings;
  private final LimitMetrics metrics;
  private final Duration holdAtMost;

  /**
   * @param holdAtMost the longest a session can run (its workflow's execution timeout) and a margin
   */
  public SessionQuota(
      SessionSlots slots, LimitSettings settings, LimitMetrics metrics, Duration holdAtMost) {
    this.slots = slots;
    this.settings = settings;
    this.metrics = metrics;
    this.holdAtMost = holdAtMost;
  }

  /**
   * What to do when the session did not start after all: give back the slot this claim took, if it
   * took one.
   */
  public interface Slot {
    void giveBack();
  }

  /**
   * Claims the session's slot, or refuses the session when its tenant is at the quota.
   *
   * @throws QuotaExceededException at the quota: nothing was claimed
   * @throws UnavailableException when the store cannot be reached
   */
  public Slot claim(String tenant, String sessionId) {
    return claim(tenant, sessionId, holdAtMost);
  }

  /**
   * The same for a session that may run longer than most (a conversation): its slot lapses after
   * holdAtMost.
   */
  public Slot claim(String tenant, String sessionId, Duration holdAtMost) {
    if (!settings.enabled()) {
      return () -> {};
    }
    int quota = settings.runningSessions(tenant);
    Claim claim;
    try {
      claim = slots.claim(tenant, sessionId, quota, holdAtMost);
    } catch (DataAccessException e) {
      throw new UnavailableException(
          "the session quota cannot be checked: the hub store cannot be reached", e);
    }
    if (claim.outcome() == Outcome.QUOTA_FULL) {
      metrics.limited(tenant, LIMIT);
      throw new QuotaExceededException(
          "the tenant has "
              + claim.running()
              + " sessions running, its quota; no session was started",
          LIMIT,
          quota,
          claim.running());
    }
    return claim.outcome() == Outcome.CLAIMED ? () -> giveBack(sessionId) : () -> {};
  }

  private void giveBack(String sessionId) {
    try {
      slots.release(sessionId);
    } catch (DataAccessException e) {
      // The worker's sweep finds no workflow for it and frees it.
      log.warn(
          "Could not give back the quota slot of session {}; the worker's sweep will: {}",
          sessionId,
          e.getMessage());
    }
  }
}
