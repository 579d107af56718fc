package io.soma.hub.functions.campaigns;

import io.soma.hub.functions.caller.Capabilities;
import io.soma.hub.functions.campaigns.CampaignCommands.CampaignLookup;
import io.soma.hub.functions.campaigns.CampaignCommands.DecideCampaign;
import io.soma.hub.functions.campaigns.CampaignViews.Campaign;
import io.soma.hub.functions.campaigns.CampaignViews.Decision;
import io.soma.hub.functions.http.GatewayRoute;
import io.soma.hub.functions.http.Reply;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The HTTP binding of the campaign functions. */
@Configuration(proxyBeanMethods = false)
public class CampaignRoutes {

  @Bean
  GatewayRoute getCampaignRoute() {
    return GatewayRoute.of(
        HttpMethod.GET,
        "/v1/campaigns/{id}",
        "getCampaign",
        Capabilities.CAMPAIGNS_WRITE,
        null,
        r -> new CampaignLookup(r.caller(), r.pathVariable("id")),
        Campaign.class,
        Reply::ok);
  }

  @Bean
  GatewayRoute decideCampaignRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/campaigns/{id}/approval",
        "decideCampaign",
        Capabilities.CAMPAIGNS_WRITE,
        ApprovalBody.class,
        r -> new DecideCampaign(r.caller(), r.pathVariable("id"), r.body(ApprovalBody.class)),
        Decision.class,
        Reply::accepted);
  }
}
