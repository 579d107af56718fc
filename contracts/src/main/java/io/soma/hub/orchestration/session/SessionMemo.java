package io.soma.hub.orchestration.session;

/**
 * Memo keys of a session workflow. The gateway writes {@link #TENANT} at start and checks it on every read, so a
 * session is only visible to its own tenant; the workflow keeps {@link #STEPS} current.
 */
public final class SessionMemo {

  public static final String TENANT = "tenant";
  public static final String STEPS = "steps";

  /** A digest of the creating request, to tell an idempotent retry from a reused Idempotency-Key. */
  public static final String REQUEST_FINGERPRINT = "request_sha256";

  private SessionMemo() {}
}
