package io.soma.hub.worker.schedule;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The running-sessions quota the functions enforce ({@code hub.rate-limits}, docs/operations.md,
 * Limits), read by the worker too: a schedule's run claims its session's slot here, where no
 * function is asked. Only the quota is bound; the rate limits are the functions' alone.
 *
 * @param enabled false: no quota is checked (HUB_RATE_LIMITS_ENABLED, as for the functions)
 */
@ConfigurationProperties("hub.rate-limits")
public record RunningSessionQuotas(
    @DefaultValue("true") boolean enabled,
    @Name("default") Quota defaults,
    Map<String, Quota> tenants) {

  /**
   * @param runningSessions the most sessions running at once; null in a tenant's entry: the
   *     default's
   */
  public record Quota(Integer runningSessions) {}

  public RunningSessionQuotas {
    if (defaults == null || defaults.runningSessions() == null || defaults.runningSessions() < 1) {
      throw new IllegalArgumentException(
          "hub.rate-limits.default.running-sessions must be at least 1, got " + defaults);
    }
    tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
  }

  public int of(String tenant) {
    Quota own = tenants.get(tenant);
    return own != null && own.runningSessions() != null
        ? own.runningSessions()
        : defaults.runningSessions();
  }
}
