package io.soma.hub.orchestration.session;

import io.soma.hub.orchestration.HubSearchAttributes;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What every one-shot session workflow starts with, whoever starts it (the gateway, or a schedule's
 * run as its child): the execution timeout, the memo every read checks the tenant by, and the
 * search attributes the listing filters on.
 */
public final class SessionStarts {

  /**
   * Long enough for slow model providers and their retries; a stuck session ends as FAILED, not
   * never.
   */
  public static final Duration EXECUTION_TIMEOUT = Duration.ofHours(1);

  private SessionStarts() {}

  /**
   * The memo at start: the tenant, the planned steps and, when the start is an idempotent
   * request's, its digest (null: none).
   */
  public static Map<String, Object> memo(String tenant, String requestFingerprint) {
    Map<String, Object> memo = new HashMap<>();
    memo.put(SessionMemo.TENANT, tenant);
    memo.put(SessionMemo.STEPS, SessionStep.plan());
    if (requestFingerprint != null) {
      memo.put(SessionMemo.REQUEST_FINGERPRINT, requestFingerprint);
    }
    return Map.copyOf(memo);
  }

  /** What GET /v1/sessions filters on; set once at start, never upserted. */
  public static SearchAttributes searchAttributes(String tenant, String subject) {
    return SearchAttributes.newBuilder()
        .set(HubSearchAttributes.TENANT, HubSearchAttributes.keyword(tenant))
        .set(HubSearchAttributes.USER, HubSearchAttributes.keyword(subject))
        .build();
  }
}
