package io.soma.hub.store.campaign;

import io.soma.hub.store.HubStoreAutoConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The campaign repositories of the hub store, next to the core ones (whose Clock they share). Bean
 * names are prefixed so they do not collide with other features' beans of similar names (memory has
 * its own artifact reader).
 */
@AutoConfiguration(after = HubStoreAutoConfiguration.class)
public class CampaignStoreAutoConfiguration {

  @Bean
  @DependsOnDatabaseInitialization
  CampaignAnalytics campaignAnalyticsRows(JdbcClient jdbc, Clock clock) {
    return new CampaignAnalytics(jdbc, clock);
  }

  @Bean
  @DependsOnDatabaseInitialization
  CampaignArtifacts campaignArtifactRows(JdbcClient jdbc, Clock clock) {
    return new CampaignArtifacts(jdbc, clock);
  }

  @Bean
  @DependsOnDatabaseInitialization
  ToolRequests campaignToolRequests(JdbcClient jdbc, Clock clock) {
    return new ToolRequests(jdbc, clock);
  }
}
