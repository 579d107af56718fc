package io.soma.hub.functions.limits;

/**
 * What the rate limiter decided for one request. An unchecked decision (limits off, or the
 * limiter's store unreachable) lets the request through and states no limit.
 *
 * @param limit the bucket's limit, or null when the request was not checked
 * @param remaining requests left in the bucket after this one
 * @param resetSeconds whole seconds, rounded up, until the bucket is full again
 * @param retryAfterSeconds for a refused request, whole seconds, rounded up, until it would be
 *     allowed; else 0
 */
public record RateDecision(
    RouteClass routeClass,
    RateLimit limit,
    boolean allowed,
    long remaining,
    long resetSeconds,
    long retryAfterSeconds) {

  public static RateDecision unchecked(RouteClass routeClass) {
    return new RateDecision(routeClass, null, true, 0, 0, 0);
  }

  public boolean checked() {
    return limit != null;
  }

  static long secondsRoundedUp(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }
}
