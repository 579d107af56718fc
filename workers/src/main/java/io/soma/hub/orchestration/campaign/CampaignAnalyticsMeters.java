package io.soma.hub.orchestration.campaign;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.soma.hub.store.campaign.CampaignAnalytics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code campaign_analytics_created_total{campaign_id, campaign_name}} from the store: one counter
 * of value 1 per recorded campaign. A counter is registered after its row is recorded and, when the
 * worker starts, for every campaign recorded within the window, so a restarted worker shows the
 * same series; the window bounds how many series a long-lived worker exposes. Registering the same
 * campaign twice returns the same counter.
 */
public class CampaignAnalyticsMeters {

  public static final String NAME = "campaign.analytics.created";

  private final MeterRegistry registry;
  private final CampaignAnalytics analytics;
  private final Clock clock;
  private final Duration window;

  public CampaignAnalyticsMeters(
      MeterRegistry registry, CampaignAnalytics analytics, Clock clock, Duration window) {
    this.registry = registry;
    this.analytics = analytics;
    this.clock = clock;
    this.window = window;
  }

  public void register(String campaignId, String campaignName) {
    if (registry
            .find(NAME)
            .tags("campaign_id", campaignId, "campaign_name", campaignName)
            .functionCounter()
        != null) {
      return;
    }
    FunctionCounter.builder(NAME, this, meters -> 1.0)
        .description("Campaigns whose analytics tracking was set up, one series per campaign")
        .tags("campaign_id", campaignId, "campaign_name", campaignName)
        .register(registry);
  }

  /** Returns how many campaigns of the window were registered. */
  public int registerRecent() {
    List<CampaignAnalytics.Recorded> recent =
        analytics.recordedSince(clock.instant().minus(window));
    recent.forEach(campaign -> register(campaign.campaignId(), campaign.campaignName()));
    return recent.size();
  }
}
