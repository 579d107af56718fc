package io.soma.hub.worker.temporal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP once the worker has reached Temporal and polls its task queues; part of the readiness group. */
public class TemporalHealthIndicator implements HealthIndicator {

  private final TemporalWorkerLifecycle worker;
  private final TemporalProperties properties;

  public TemporalHealthIndicator(TemporalWorkerLifecycle worker, TemporalProperties properties) {
    this.worker = worker;
    this.properties = properties;
  }

  @Override
  public Health health() {
    Health.Builder health = worker.isConnected() ? Health.up() : Health.down();
    health.withDetail("address", properties.address()).withDetail("namespace", properties.namespace());
    worker.lastError().ifPresent(error -> health.withDetail("lastError", error));
    return health.build();
  }
}
