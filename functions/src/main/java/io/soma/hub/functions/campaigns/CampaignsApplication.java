package io.soma.hub.functions.campaigns;

import io.soma.hub.functions.FunctionApplications;
import io.soma.hub.functions.FunctionEdge;
import io.soma.hub.functions.temporal.TemporalClientConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application of a {@code getCampaign} or {@code decideCampaign} instance: the edge, the
 * Temporal client and the campaign functions.
 */
@EnableAutoConfiguration
@Import({
  FunctionEdge.class,
  TemporalClientConfiguration.class,
  CampaignFunctions.class,
  CampaignRoutes.class
})
public class CampaignsApplication {

  public static void main(String[] args) {
    FunctionApplications.run(CampaignsApplication.class, args);
  }
}
