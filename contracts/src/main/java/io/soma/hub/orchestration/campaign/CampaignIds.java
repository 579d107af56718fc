package io.soma.hub.orchestration.campaign;

import java.util.regex.Pattern;

/**
 * Campaign ids and workflow ids. A wizard approves into exactly one campaign, so the campaign id
 * derives from it.
 */
public final class CampaignIds {

  private static final String WORKFLOW_PREFIX = "campaign-";
  private static final Pattern CAMPAIGN_ID = Pattern.compile("camp-[0-9a-f]{12}");

  private CampaignIds() {}

  /** The campaign of a wizard: {@code wiz-<hex>} gives {@code camp-<hex>}. */
  public static String forWizard(String wizardId) {
    return "camp-" + (wizardId.startsWith("wiz-") ? wizardId.substring(4) : wizardId);
  }

  /** A campaign id's one grammar: {@code camp-} and the wizard's 12 lowercase hex digits. */
  public static boolean isCampaignId(String candidate) {
    return candidate != null && CAMPAIGN_ID.matcher(candidate).matches();
  }

  public static String workflowId(String campaignId) {
    return WORKFLOW_PREFIX + campaignId;
  }

  /** The campaign whose workflow this is: {@code campaign-camp-<hex>} gives {@code camp-<hex>}. */
  public static String ofWorkflow(String workflowId) {
    return workflowId.startsWith(WORKFLOW_PREFIX)
        ? workflowId.substring(WORKFLOW_PREFIX.length())
        : workflowId;
  }
}
