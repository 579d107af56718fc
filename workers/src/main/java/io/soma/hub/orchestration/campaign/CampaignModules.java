package io.soma.hub.orchestration.campaign;

/**
 * The module ids of {@code marketing_campaign_v1} that have their own runner; any other module runs
 * its tasks.
 */
public final class CampaignModules {

  public static final String RESEARCH = "research_phase";
  public static final String CONTENT = "content_creation";
  public static final String DESIGN = "design_assets";
  public static final String REVIEW = "review_approval";
  public static final String DISTRIBUTION = "distribution";
  public static final String ANALYTICS = "analytics_tracking";

  private CampaignModules() {}
}
