package io.soma.hub.orchestration.wizard;

/**
 * How a wizard session ended.
 *
 * @param status {@code approved} (the campaign was started) or {@code expired} (no answer or
 *     approval in time)
 * @param campaignId the started campaign, or null when it expired
 */
public record WizardOutcome(String sessionId, String status, String campaignId) {

  public static final String APPROVED = "approved";
  public static final String EXPIRED = "expired";
}
