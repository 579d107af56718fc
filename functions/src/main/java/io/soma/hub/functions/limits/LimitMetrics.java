package io.soma.hub.functions.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The limits' meters: requests refused per tenant and limit ({@code gateway_rate_limited_total}),
 * checks the limiter could not make because its store failed ({@code
 * gateway_rate_limiter_unavailable_total}; those requests went through unchecked), and the time a
 * check takes ({@code gateway_rate_limit_check_seconds}).
 */
public class LimitMetrics {

  private final MeterRegistry registry;
  private final Counter unavailable;
  private final Timer checks;

  public LimitMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.unavailable =
        Counter.builder("gateway.rate.limiter.unavailable")
            .description("Requests let through unchecked because the rate limiter's store failed")
            .register(registry);
    this.checks =
        Timer.builder("gateway.rate.limit.check")
            .description("Time to check a request against its tenant's rate limit in the hub store")
            .register(registry);
  }

  /**
   * A request answered 429; {@code limit} names the limit: a route class or {@code
   * running_sessions}.
   */
  public void limited(String tenant, String limit) {
    Counter.builder("gateway.rate.limited")
        .description("Requests refused with 429 by a tenant's rate limit or quota")
        .tag("tenant", tenant)
        .tag("limit", limit)
        .register(registry)
        .increment();
  }

  void unavailable() {
    unavailable.increment();
  }

  Timer checks() {
    return checks;
  }
}
