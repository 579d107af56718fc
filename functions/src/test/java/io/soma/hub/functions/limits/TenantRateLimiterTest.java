package io.soma.hub.functions.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The limiter on the embedded database, as local mode runs it: Bucket4j's buckets in the hub store.
 */
class TenantRateLimiterTest {

  private final List<AutoCloseable> stores = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void closeStores() throws Exception {
    for (AutoCloseable store : stores) {
      store.close();
    }
  }

  @Test
  void aBucketAllowsItsCapacityThenRefusesSayingWhenToRetry() {
    TenantRateLimiter limiter =
        limiter(LimiterStores.freshH2(), Map.of("hub.rate-limits.tenants.acme.reads", "3/1m"));

    List<RateDecision> decisions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      decisions.add(limiter.check("acme", RouteClass.READS));
    }

    assertThat(decisions)
        .extracting(RateDecision::allowed)
        .containsExactly(true, true, true, false);
    assertThat(decisions).extracting(RateDecision::remaining).containsExactly(2L, 1L, 0L, 0L);
    assertThat(decisions).allSatisfy(d -> assertThat(d.limit()).hasToString("3/1m"));
    // One token comes back every 20 s; the bucket is full again a minute after it was last full.
    assertThat(decisions.get(3).retryAfterSeconds()).isBetween(19L, 20L);
    assertThat(decisions.get(2).resetSeconds()).isBetween(59L, 60L);
    assertThat(
            registry
                .get("gateway.rate.limited")
                .tags("tenant", "acme", "limit", "reads")
                .counter()
                .count())
        .isOne();
  }

  @Test
  void eachTenantAndRouteClassHasABucketOfItsOwn() {
    TenantRateLimiter limiter =
        limiter(
            LimiterStores.freshH2(),
            Map.of(
                "hub.rate-limits.default.reads",
                "1/1m",
                "hub.rate-limits.default.sessions",
                "1/1m"));

    assertThat(limiter.check("acme", RouteClass.READS).allowed()).isTrue();
    assertThat(limiter.check("acme", RouteClass.READS).allowed()).isFalse();
    assertThat(limiter.check("acme", RouteClass.SESSIONS).allowed()).isTrue();
    assertThat(limiter.check("globex", RouteClass.READS).allowed()).isTrue();
  }

  @Test
  void twoLimitersOnOneStoreShareTheLimitExactly() throws Exception {
    JdbcConnectionDetails store = LimiterStores.freshH2();
    Map<String, String> tenLeft = Map.of("hub.rate-limits.tenants.acme.writes", "10/1h");
    List<TenantRateLimiter> instances = List.of(limiter(store, tenLeft), limiter(store, tenLeft));
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<RateDecision>> checks = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        TenantRateLimiter instance = instances.get(i % 2);
        checks.add(
            threads.submit(
                (Callable<RateDecision>) () -> instance.check("acme", RouteClass.WRITES)));
      }
      long allowed = 0;
      for (Future<RateDecision> check : checks) {
        RateDecision decision = check.get();
        assertThat(decision.checked()).as("checked, not let through unchecked").isTrue();
        allowed += decision.allowed() ? 1 : 0;
      }
      assertThat(allowed).isEqualTo(10);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aChangedLimitStartsABucketOfItsOwn() {
    JdbcConnectionDetails store = LimiterStores.freshH2();
    TenantRateLimiter before = limiter(store, Map.of("hub.rate-limits.tenants.acme.reads", "1/1h"));
    TenantRateLimiter after = limiter(store, Map.of("hub.rate-limits.tenants.acme.reads", "2/1h"));

    assertThat(before.check("acme", RouteClass.READS).allowed()).isTrue();
    assertThat(before.check("acme", RouteClass.READS).allowed()).isFalse();
    assertThat(after.check("acme", RouteClass.READS).remaining()).isOne();
  }

  @Test
  void anUnreachableStoreLetsRequestsThroughUncheckedAndIsLeftAloneForAWhile() {
    TenantRateLimiter limiter = limiter(LimiterStores.unreachablePostgres(), Map.of());

    RateDecision first = limiter.check("acme", RouteClass.READS);
    long start = System.nanoTime();
    RateDecision second = limiter.check("acme", RouteClass.SESSIONS);
    long secondNanos = System.nanoTime() - start;

    assertThat(first.allowed()).isTrue();
    assertThat(first.checked()).isFalse();
    assertThat(second.allowed()).isTrue();
    assertThat(second.checked()).isFalse();
    assertThat(secondNanos).as("the paused limiter does not try the store").isLessThan(50_000_000L);
    assertThat(registry.get("gateway.rate.limiter.unavailable").counter().count()).isEqualTo(2);
    assertThat(registry.get("gateway.rate.limit.check").timer().count())
        .as("checks that tried the store")
        .isOne();
  }

  @Test
  void disabledLimitsCheckNothing() {
    TenantRateLimiter limiter =
        limiter(
            LimiterStores.unreachablePostgres(),
            Map.of("hub.rate-limits.enabled", "false", "hub.rate-limits.default.reads", "1/1h"));

    assertThat(limiter.check("acme", RouteClass.READS).checked()).isFalse();
    assertThat(limiter.check("acme", RouteClass.READS).allowed()).isTrue();
    assertThat(registry.find("gateway.rate.limiter.unavailable").counter().count()).isZero();
  }

  private TenantRateLimiter limiter(
      JdbcConnectionDetails connection, Map<String, String> properties) {
    BucketStore store = new BucketStore(connection, 4);
    stores.add(store);
    return new TenantRateLimiter(
        store.buckets(), LimiterStores.settings(properties), new LimitMetrics(registry));
  }
}
