package io.soma.hub.functions.limits;

/**
 * The limits of one tenant (or the defaults): a token bucket per route class. In a tenant's own settings every
 * field is optional; what is missing comes from the defaults.
 */
public record TenantLimits(RateLimit reads, RateLimit writes, RateLimit sessions) {

  /** The bucket of a route class, or null when these settings leave it to the defaults. */
  public RateLimit of(RouteClass routeClass) {
    return switch (routeClass) {
      case READS -> reads;
      case WRITES -> writes;
      case SESSIONS -> sessions;
    };
  }

  boolean complete() {
    return reads != null && writes != null && sessions != null;
  }
}
