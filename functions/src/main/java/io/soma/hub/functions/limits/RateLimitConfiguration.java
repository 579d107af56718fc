package io.soma.hub.functions.limits;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The per-tenant limits: settings, the buckets in the hub store, the limiter the HTTP edge asks.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitSettings.class)
public class RateLimitConfiguration {

  @Bean
  LimitMetrics limitMetrics(MeterRegistry registry) {
    return new LimitMetrics(registry);
  }

  /** After the schema check (or migration) at start, like every user of the hub store. */
  @Bean(destroyMethod = "close")
  @DependsOnDatabaseInitialization
  BucketStore bucketStore(JdbcConnectionDetails connection, LimitSettings settings) {
    return new BucketStore(connection, settings.poolSize());
  }

  /**
   * Eager even where beans are lazy (one function per instance): nothing else asks for it. Always a
   * bean, idle when the limits are off: a condition would be decided when the jar is built
   * (ahead-of-time processing).
   */
  @Bean(destroyMethod = "close")
  @Lazy(false)
  ExpiredBucketsSweeper expiredBucketsSweeper(BucketStore store, LimitSettings settings) {
    return new ExpiredBucketsSweeper(store, settings.enabled());
  }

  @Bean
  TenantRateLimiter tenantRateLimiter(
      BucketStore store, LimitSettings settings, LimitMetrics metrics) {
    return new TenantRateLimiter(store.buckets(), settings, metrics);
  }
}
