package io.soma.hub.orchestration.campaign;

/**
 * Memo keys of a campaign workflow, written by whoever starts it; the gateway checks the tenant on
 * every read.
 */
public final class CampaignMemo {

  public static final String TENANT = "tenant";
  public static final String CAMPAIGN_NAME = "campaign_name";

  private CampaignMemo() {}
}
