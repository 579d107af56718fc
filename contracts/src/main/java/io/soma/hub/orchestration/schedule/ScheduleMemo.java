package io.soma.hub.orchestration.schedule;

/**
 * Memo keys of a Temporal Schedule the gateway creates. Temporal keeps a cron expression only as
 * the calendar it parsed it into, so the schedule's own words (cron, time zone, prompt) are kept
 * here, as given; the tenant is checked on every read, as a session's is.
 */
public final class ScheduleMemo {

  public static final String TENANT = "tenant";
  public static final String CRON = "cron";
  public static final String TIMEZONE = "timezone";
  public static final String PROMPT = "prompt";
  public static final String CREATED_AT = "created_at";

  /**
   * A digest of the creating request, to tell an idempotent retry from a reused Idempotency-Key.
   */
  public static final String REQUEST_FINGERPRINT = "request_sha256";

  private ScheduleMemo() {}
}
