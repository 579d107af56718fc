package io.soma.hub.functions.limits;

/**
 * The limits of one tenant (or the defaults): a token bucket per route class and the most sessions
 * it may have running at once. In a tenant's own settings every field is optional; what is missing
 * comes from the defaults.
 */
public record TenantLimits(
    RateLimit reads, RateLimit writes, RateLimit sessions, Integer runningSessions) {

  public TenantLimits {
    if (runningSessions != null && runningSessions < 1) {
      throw new IllegalArgumentException(
          "running-sessions must be at least 1, got " + runningSessions);
    }
  }

  /** The bucket of a route class, or null when these settings leave it to the defaults. */
  public RateLimit of(RouteClass routeClass) {
    return switch (routeClass) {
      case READS -> reads;
      case WRITES -> writes;
      case SESSIONS -> sessions;
    };
  }

  boolean complete() {
    return reads != null && writes != null && sessions != null && runningSessions != null;
  }
}
