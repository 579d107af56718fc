package io.soma.hub.orchestration.campaign;

/**
 * What starts a marketing campaign. Tenant and subject come from the verified token of whoever
 * approved the wizard.
 *
 * @param approvalTimeoutSeconds how long {@code review_approval} waits for the approval signal
 */
public record CampaignRequest(
    String campaignId,
    String tenant,
    String subject,
    CampaignPlan plan,
    long approvalTimeoutSeconds) {}
