package io.soma.hub.orchestration.memory;

/** Memo keys of a memory refresh, written by the gateway when it starts one. */
public final class MemoryRefreshMemo {

  public static final String TENANT = "tenant";
  public static final String CAMPAIGN = "campaign";

  /**
   * The request's {@code force}, to tell an idempotent retry from an Idempotency-Key reused with
   * another body.
   */
  public static final String FORCE = "force";

  private MemoryRefreshMemo() {}
}
