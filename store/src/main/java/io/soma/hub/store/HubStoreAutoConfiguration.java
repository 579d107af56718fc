package io.soma.hub.store;

import io.soma.hub.store.migration.SchemaAtStart;
import io.soma.hub.store.migration.StoreSchemaCheck;
import io.soma.hub.store.tls.StoreTlsConfiguration;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Repositories of the hub store for any Spring Boot application that has this module and a
 * DataSource. Every repository depends on the schema check ({@link StoreSchemaCheck}), so a process
 * that uses the store checks its schema when it starts, even where beans are lazy (one function per
 * instance), and one that does not never connects. The check replaces Spring Boot's Flyway, which
 * an application using this module turns off ({@code spring.flyway.enabled=false}).
 */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
@Import({StoreTlsConfiguration.class, StoreLocationConfiguration.class})
public class HubStoreAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock hubClock() {
    return Clock.systemUTC();
  }

  /**
   * Nothing to do when the schema is current; else migrate locally, only validate elsewhere
   * (HUB_STORE_MIGRATE_ON_START overrides).
   */
  @Bean
  StoreSchemaCheck hubStoreSchemaCheck(
      DataSource dataSource,
      StoreLocation location,
      @Value("${hub.store.migrate-on-start:}") String migrateOnStart) {
    return new StoreSchemaCheck(
        dataSource,
        new SchemaAtStart(
            SchemaAtStart.migratesAtStart(
                migrateOnStart, location.localMode(), location.jdbcUrl())));
  }

  @Bean
  @DependsOnDatabaseInitialization
  ModerationStrikes moderationStrikes(
      JdbcClient jdbc,
      Clock clock,
      @Value("${hub.moderation.strike-window:PT24H}") Duration window) {
    return new ModerationStrikes(jdbc, clock, window);
  }

  @Bean
  @DependsOnDatabaseInitialization
  AuditLog auditLog(JdbcClient jdbc, Clock clock) {
    return new AuditLog(jdbc, clock);
  }

  @Bean
  @DependsOnDatabaseInitialization
  SessionCompletions sessionCompletions(JdbcClient jdbc, Clock clock) {
    return new SessionCompletions(jdbc, clock);
  }

  @Bean
  @DependsOnDatabaseInitialization
  SessionTurns sessionTurns(JdbcClient jdbc, Clock clock) {
    return new SessionTurns(jdbc, clock);
  }

  @Bean
  @DependsOnDatabaseInitialization
  ScheduleSeats scheduleSeats(JdbcClient jdbc, Clock clock) {
    return new ScheduleSeats(jdbc, clock);
  }

  @Bean
  @DependsOnDatabaseInitialization
  SessionEvents sessionEventStore(JdbcClient jdbc, Clock clock) {
    return new SessionEvents(jdbc, clock);
  }

  @Bean
  @DependsOnDatabaseInitialization
  SessionSlots sessionSlots(DataSource dataSource, Clock clock) {
    return new SessionSlots(dataSource, clock);
  }
}
