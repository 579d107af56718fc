package io.soma.hub.functions.campaigns;

import io.soma.hub.functions.campaigns.CampaignCommands.CampaignLookup;
import io.soma.hub.functions.campaigns.CampaignCommands.DecideCampaign;
import io.soma.hub.functions.campaigns.CampaignViews.Campaign;
import io.soma.hub.functions.campaigns.CampaignViews.Decision;
import io.soma.hub.functions.temporal.BoundedCalls;
import io.soma.hub.orchestration.campaign.ApprovalDecision;
import io.temporal.client.WorkflowClient;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The campaign functions: progress, and the approval decision of a waiting campaign. */
@Configuration(proxyBeanMethods = false)
public class CampaignFunctions {

  @Bean
  CampaignAccess campaignAccess(WorkflowClient client, BoundedCalls calls) {
    return new CampaignAccess(client, calls);
  }

  @Bean
  Function<CampaignLookup, Campaign> getCampaign(CampaignAccess campaigns) {
    return lookup -> campaigns.read(lookup.caller().tenant(), lookup.campaignId());
  }

  /** The decider is the caller: the subject of the verified token, never a field of the body. */
  @Bean
  Function<DecideCampaign, Decision> decideCampaign(CampaignAccess campaigns) {
    return command -> {
      ApprovalBody body = command.body();
      ApprovalDecision taken =
          campaigns.decide(
              command.caller().tenant(),
              command.campaignId(),
              new ApprovalDecision(body.approved(), body.comment(), command.caller().subject()));
      return new Decision(command.campaignId(), taken.approved(), taken.decidedBy());
    };
  }
}
