package io.soma.hub.orchestration.session;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** How session ids map to workflow ids, and how an idempotency key maps to a session id. */
public final class SessionIds {

  private static final String WORKFLOW_PREFIX = "session-";

  private SessionIds() {}

  public static String newSessionId() {
    return UUID.randomUUID().toString();
  }

  /**
   * The same tenant and key always give the same session id, so the workflow id itself deduplicates
   * concurrent requests: Temporal starts at most one workflow per id.
   */
  public static String fromIdempotencyKey(String tenant, String idempotencyKey) {
    String material = "soma-session\n" + tenant + "\n" + idempotencyKey;
    return UUID.nameUUIDFromBytes(material.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * A session id's one grammar: a UUID in its canonical lowercase form (8-4-4-4-12 hex digits), as
   * {@link #newSessionId()} and {@link #fromIdempotencyKey} make them. Anything else names no
   * session.
   */
  public static boolean isSessionId(String candidate) {
    if (candidate == null || candidate.length() != 36) {
      return false;
    }
    try {
      return UUID.fromString(candidate).toString().equals(candidate);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static String workflowId(String sessionId) {
    return WORKFLOW_PREFIX + sessionId;
  }

  /** The session id of a session workflow's id ({@link #workflowId}'s inverse). */
  public static String sessionIdOf(String workflowId) {
    if (!workflowId.startsWith(WORKFLOW_PREFIX)) {
      throw new IllegalArgumentException(workflowId + " is not a session workflow id");
    }
    return workflowId.substring(WORKFLOW_PREFIX.length());
  }
}
