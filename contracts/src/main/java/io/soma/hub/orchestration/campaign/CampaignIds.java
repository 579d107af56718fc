package io.soma.hub.orchestration.campaign;

/** Campaign ids and workflow ids. A wizard approves into exactly one campaign, so the campaign id derives from it. */
public final class CampaignIds {

  private static final String WORKFLOW_PREFIX = "campaign-";

  private CampaignIds() {}

  /** The campaign of a wizard: {@code wiz-<hex>} gives {@code camp-<hex>}. */
  public static String forWizard(String wizardId) {
    return "camp-" + (wizardId.startsWith("wiz-") ? wizardId.substring(4) : wizardId);
  }

  public static String workflowId(String campaignId) {
    return WORKFLOW_PREFIX + campaignId;
  }

  /** The campaign whose workflow this is: {@code campaign-camp-<hex>} gives {@code camp-<hex>}. */
  public static String ofWorkflow(String workflowId) {
    return workflowId.startsWith(WORKFLOW_PREFIX) ? workflowId.substring(WORKFLOW_PREFIX.length()) : workflowId;
  }
}
