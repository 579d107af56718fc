package io.soma.hub.orchestration.schedule;

import io.soma.hub.orchestration.session.SessionIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The ids of schedules, of their Temporal Schedules, and of the sessions their runs start. A
 * schedule id is what the API shows (a UUID); its Temporal Schedule's id is namespaced by its
 * tenant, so a tenant can name only its own: the same schedule id under another tenant is another
 * Temporal Schedule, which does not exist.
 */
public final class ScheduleIds {

  private static final String TEMPORAL_PREFIX = "hub-schedule-";

  private ScheduleIds() {}

  public static String newScheduleId() {
    return UUID.randomUUID().toString();
  }

  /**
   * The same tenant and Idempotency-Key always give the same schedule id, so Temporal creates the
   * schedule once.
   */
  public static String fromIdempotencyKey(String tenant, String idempotencyKey) {
    return nameUuid("soma-schedule\n" + tenant + "\n" + idempotencyKey);
  }

  /** The grammar of a session id (a canonical lowercase UUID); anything else names no schedule. */
  public static boolean isScheduleId(String candidate) {
    return SessionIds.isSessionId(candidate);
  }

  /**
   * The Temporal Schedule's id: the prefix, a digest of the tenant (any tenant, however long or
   * odd, gives 32 hex digits) and the schedule id. The runs' workflow ids are this and the time
   * each was due (Temporal appends it).
   */
  public static String temporalId(String tenant, String scheduleId) {
    return TEMPORAL_PREFIX + tenantDigest(tenant) + "-" + scheduleId;
  }

  /**
   * The session a run starts, from the run's workflow id: the same run (a retried start included)
   * always starts the same session, which Temporal starts once.
   */
  public static String sessionIdOfRun(String runWorkflowId) {
    return nameUuid("soma-scheduled-session\n" + runWorkflowId);
  }

  private static String tenantDigest(String tenant) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(tenant.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static String nameUuid(String material) {
    return UUID.nameUUIDFromBytes(material.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
