package io.soma.hub.orchestration.campaign;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;

/**
 * Keeps the SPEC's {@code campaign_analytics_created_total} on a Prometheus registry. The
 * Prometheus Java client 1.x treats {@code _created} as a reserved suffix and drops it, exposing
 * {@code campaign_analytics_total}; a name with a character the exposition escapes to {@code _}
 * ({@code campaign_analytics-created}) passes its checks and is written as {@code
 * campaign_analytics_created_total}. Every other meter keeps the registry's own convention.
 */
public final class CampaignMetricNaming implements NamingConvention {

  static final String PROMETHEUS_NAME = "campaign_analytics-created";

  private final NamingConvention delegate;

  public CampaignMetricNaming(NamingConvention delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name(String name, Meter.Type type, String baseUnit) {
    return CampaignAnalyticsMeters.NAME.equals(name)
        ? PROMETHEUS_NAME
        : delegate.name(name, type, baseUnit);
  }

  @Override
  public String tagKey(String key) {
    return delegate.tagKey(key);
  }

  @Override
  public String tagValue(String value) {
    return delegate.tagValue(value);
  }
}
