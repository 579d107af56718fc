package io.soma.hub.orchestration.campaign;

/** Application failure types of the campaign workflow and its activities. */
public final class CampaignFailures {

  /** A module failed for good; the workflow fails with this type after the compensations ran. */
  public static final String CAMPAIGN_FAILED = "CampaignFailed";

  /**
   * The plan cannot run (a dependency cycle, duplicate module ids, too many tasks): nothing was
   * started.
   */
  public static final String INVALID_PLAN = "InvalidCampaignPlan";

  /** Distribution published on no channel at all. */
  public static final String DISTRIBUTION_FAILED = "DistributionFailed";

  private CampaignFailures() {}
}
