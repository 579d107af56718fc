package io.soma.hub.worker.temporal;

import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while the worker polls its task queues and Temporal answers; part of the readiness group. A
 * Temporal that goes away after the worker connected turns readiness DOWN until it answers again
 * (the SDK's pollers reconnect on their own).
 */
public class TemporalHealthIndicator implements HealthIndicator {

  private final TemporalWorkerLifecycle worker;
  private final TemporalProperties properties;
  private final TemporalReachability reachability;

  public TemporalHealthIndicator(
      TemporalWorkerLifecycle worker,
      TemporalProperties properties,
      TemporalReachability reachability) {
    this.worker = worker;
    this.properties = properties;
    this.reachability = reachability;
  }

  @Override
  public Health health() {
    Optional<String> problem = worker.isConnected() ? reachability.failure() : worker.lastError();
    boolean up = worker.isConnected() && problem.isEmpty();
    Health.Builder health = up ? Health.up() : Health.down();
    health
        .withDetail("address", properties.address())
        .withDetail("namespace", properties.namespace());
    problem.ifPresent(error -> health.withDetail("lastError", error));
    return health.build();
  }
}
