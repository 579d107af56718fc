package io.soma.hub.functions.campaigns;

import io.soma.hub.functions.caller.Caller;

/** The inputs of the campaign functions. */
public final class CampaignCommands {

  private CampaignCommands() {}

  public record CampaignLookup(Caller caller, String campaignId) {}

  public record DecideCampaign(Caller caller, String campaignId, ApprovalBody body) {}
}
