package io.soma.hub.functions.limits;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code hub.rate-limits}: the limits every tenant has ({@code default}) and those of particular
 * tenants ({@code tenants.<tenant>}, any field of which overrides the default). docs/operations.md
 * lists the settings.
 *
 * @param enabled false: no rate limit and no quota is checked (the store is not asked for them)
 * @param poolSize connections of the limiter's own pool (see {@link RateLimitConfiguration})
 */
@ConfigurationProperties("hub.rate-limits")
public record LimitSettings(
    @DefaultValue("true") boolean enabled,
    @Name("default") TenantLimits defaults,
    Map<String, TenantLimits> tenants,
    @DefaultValue("2") int poolSize) {

  public LimitSettings {
    if (defaults == null || !defaults.complete()) {
      throw new IllegalArgumentException(
          "hub.rate-limits.default needs reads, writes, sessions and running-sessions, got "
              + defaults);
    }
    tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
  }

  public RateLimit rateLimit(String tenant, RouteClass routeClass) {
    TenantLimits own = tenants.get(tenant);
    RateLimit limit = own == null ? null : own.of(routeClass);
    return limit != null ? limit : defaults.of(routeClass);
  }

  /** The most sessions the tenant may have running at once. */
  public int runningSessions(String tenant) {
    TenantLimits own = tenants.get(tenant);
    Integer quota = own == null ? null : own.runningSessions();
    return quota != null ? quota : defaults.runningSessions();
  }
}
