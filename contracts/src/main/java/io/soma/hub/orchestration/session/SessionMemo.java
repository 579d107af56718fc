package io.soma.hub.orchestration.session;

/**
 * Memo keys of a session workflow. The gateway writes {@link #TENANT} at start and checks it on
 * every read, so a session is only visible to its own tenant; the workflow keeps {@link #STEPS}
 * current.
 */
public final class SessionMemo {

  public static final String TENANT = "tenant";
  public static final String STEPS = "steps";

  /**
   * A conversation's state while its workflow runs: {@link #WAITING} for the next message, or
   * {@code RUNNING} a turn. Absent on one-shot sessions.
   */
  public static final String CONVERSATION = "conversation";

  public static final String WAITING = "WAITING";
  public static final String ANSWERING = "RUNNING";

  /**
   * A digest of the creating request, to tell an idempotent retry from a reused Idempotency-Key.
   */
  public static final String REQUEST_FINGERPRINT = "request_sha256";

  private SessionMemo() {}
}
