package io.soma.hub.functions.limits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one token from the bucket of the caller's tenant and route class, kept in the hub store so
 * that every instance of every function draws from the same bucket.
 *
 * <p>When the store fails, the request goes through unchecked (fail open), counted and logged: the
 * limit protects the hub from a tenant that sends too much, and refusing everything while the store
 * is down would turn a store outage into an outage of the functions that never touch the store
 * (status, session reads, wizards). The store is then left alone for a few seconds, so that an
 * unreachable database costs one request the connection timeout, not every request.
 */
public class TenantRateLimiter {

  private static final Logger log = LoggerFactory.getLogger(TenantRateLimiter.class);
  static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(5);

  private final ProxyManager<String> buckets;
  private final LimitSettings settings;
  private final LimitMetrics metrics;
  private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());

  public TenantRateLimiter(
      ProxyManager<String> buckets, LimitSettings settings, LimitMetrics metrics) {
    this.buckets = buckets;
    this.settings = settings;
    this.metrics = metrics;
  }

  public RateDecision check(String tenant, RouteClass routeClass) {
    if (!settings.enabled()) {
      return RateDecision.unchecked(routeClass);
    }
    if (System.nanoTime() - pausedUntilNanos.get() < 0) {
      metrics.unavailable();
      return RateDecision.unchecked(routeClass);
    }
    RateLimit limit = settings.rateLimit(tenant, routeClass);
    try {
      ConsumptionProbe probe =
          metrics
              .checks()
              .record(() -> bucket(tenant, routeClass, limit).tryConsumeAndReturnRemaining(1));
      if (!probe.isConsumed()) {
        metrics.limited(tenant, routeClass.label());
      }
      return new RateDecision(
          routeClass,
          limit,
          probe.isConsumed(),
          probe.getRemainingTokens(),
          RateDecision.secondsRoundedUp(probe.getNanosToWaitForReset()),
          probe.isConsumed()
              ? 0
              : Math.max(1, RateDecision.secondsRoundedUp(probe.getNanosToWaitForRefill())));
    } catch (RuntimeException e) {
      pausedUntilNanos.set(System.nanoTime() + PAUSE_AFTER_FAILURE.toNanos());
      metrics.unavailable();
      log.warn(
          "Rate limits unchecked for {}: the hub store failed ({}); requests go through unchecked for {} s",
          tenant,
          e.getMessage(),
          PAUSE_AFTER_FAILURE.toSeconds(),
          e);
      return RateDecision.unchecked(routeClass);
    }
  }

  /**
   * One transaction per check. Bucket4j's batching of concurrent checks was tried and left out: its
   * optimizations are not a documented API yet (bucket4j#415), and a batch of checks of a bucket
   * that has no row yet failed as a whole with BucketNotFoundException, which here would have let
   * those requests through unchecked.
   */
  private BucketProxy bucket(String tenant, RouteClass routeClass, RateLimit limit) {
    // The limit is part of the key: a changed limit starts a bucket of its own, the old row expires
    // unused.
    String key = tenant + "|" + routeClass.label() + "|" + limit;
    return buckets.builder().build(key, () -> configuration(limit));
  }

  private static BucketConfiguration configuration(RateLimit limit) {
    return BucketConfiguration.builder()
        .addLimit(
            bandwidth ->
                bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
        .build();
  }
}
