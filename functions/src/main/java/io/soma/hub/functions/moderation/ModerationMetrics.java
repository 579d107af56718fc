package io.soma.hub.functions.moderation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code gateway_moderation_decisions_total{tenant, outcome}} and {@code
 * gateway_moderation_strikes_total{tenant}}. Outcomes: allowed, warned (flagged but below the
 * threshold), blocked, bypassed, kill_switch, error.
 */
public class ModerationMetrics {

  private final MeterRegistry registry;

  public ModerationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void decision(String tenant, String outcome) {
    Counter.builder("gateway.moderation.decisions")
        .description("Moderation decisions on session prompts")
        .tag("tenant", tenant)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  public void strike(String tenant) {
    Counter.builder("gateway.moderation.strikes")
        .description("Moderation strikes recorded")
        .tag("tenant", tenant)
        .register(registry)
        .increment();
  }
}
