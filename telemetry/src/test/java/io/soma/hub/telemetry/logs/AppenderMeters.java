package io.soma.hub.telemetry.logs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What loki4j reports about one appender, read from a registry joined to the global one it
 * registers in.
 */
final class AppenderMeters implements AutoCloseable {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  AppenderMeters() {
    Metrics.addRegistry(registry);
  }

  /** Lines refused because the send queue was full. */
  double dropped(String appender) {
    Counter counter = registry.find("loki4j.drop.events").tag("appender", appender).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Batches given up on after their retries (any reason). */
  double batchesLost(String appender) {
    return registry.find("loki4j.send.errors").tag("appender", appender).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /** The bytes of the pushes sent, as loki4j counts them on the wire. */
  double sentBytes(String appender) {
    var summary = registry.find("loki4j.send.bytes").tag("appender", appender).summary();
    return summary == null ? 0 : summary.totalAmount();
  }

  /** Lines accepted but not yet sent. */
  double unsent(String appender) {
    var gauge = registry.find("loki4j.unsent.events").tag("appender", appender).gauge();
    return gauge == null ? 0 : gauge.value();
  }

  @Override
  public void close() {
    Metrics.removeRegistry(registry);
    registry.close();
  }
}
