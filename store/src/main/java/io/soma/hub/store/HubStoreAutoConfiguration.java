package io.soma.hub.store;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Repositories of the hub store for any Spring Boot application that has this module and a DataSource. */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
public class HubStoreAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock hubClock() {
    return Clock.systemUTC();
  }

  @Bean
  StoreLocation hubStoreLocation(
      @Value("${spring.datasource.url:}") String jdbcUrl, @Value("${HUB_LOCAL_MODE:false}") boolean localMode) {
    return new StoreLocation(jdbcUrl, localMode);
  }

  @Bean
  ModerationStrikes moderationStrikes(
      JdbcClient jdbc, Clock clock, @Value("${hub.moderation.strike-window:PT24H}") Duration window) {
    return new ModerationStrikes(jdbc, clock, window);
  }

  @Bean
  AuditLog auditLog(JdbcClient jdbc, Clock clock) {
    return new AuditLog(jdbc, clock);
  }

  @Bean
  SessionCompletions sessionCompletions(JdbcClient jdbc, Clock clock) {
    return new SessionCompletions(jdbc, clock);
  }
}
