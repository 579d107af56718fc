package io.soma.hub.store.migration;

import io.soma.hub.store.StoreLocation;
import io.soma.hub.store.StoreLocationConfiguration;
import io.soma.hub.store.tls.StoreTlsConfiguration;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The migrate command ({@code java -jar functions.jar migrate}, the hub-migrate Job): migrates the
 * hub store to this build's schema with Spring Boot's Flyway, then exits, 0 once the schema is at
 * this build's version, 1 when a migration failed. An application of its own beside the one the jar
 * serves: a DataSource and Flyway, configured by the jar's {@code application.yaml} (HUB_DB_URL,
 * HUB_DB_USER, HUB_DB_PASSWORD), and nothing else: no web server, no Temporal client, no Kafka
 * producer. The user it connects as must own the schema (DDL rights).
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
@Import({StoreTlsConfiguration.class, StoreLocationConfiguration.class})
public class StoreMigration {

  /** The first argument that selects this command instead of the jar's application. */
  public static final String COMMAND = "migrate";

  private static final Logger log = LoggerFactory.getLogger(StoreMigration.class);

  public static boolean requested(String... args) {
    return args.length > 0 && COMMAND.equals(args[0]);
  }

  /**
   * Runs the command; {@code args} are the process's arguments, {@link #COMMAND} first, then Spring
   * Boot's (e.g. {@code --spring.datasource.url=...}).
   *
   * @return the exit code
   */
  public static int run(String... args) {
    SpringApplication application =
        new SpringApplicationBuilder(StoreMigration.class)
            .main(StoreMigration.class)
            .web(WebApplicationType.NONE)
            .build();
    // The applications in the same jar turn Spring Boot's Flyway off (they check the schema with
    // StoreSchemaCheck); this command is Flyway's. A command-line property outranks their yaml.
    String[] springArgs = new String[args.length + 1 - (requested(args) ? 1 : 0)];
    springArgs[0] = "--spring.flyway.enabled=true";
    System.arraycopy(args, requested(args) ? 1 : 0, springArgs, 1, springArgs.length - 1);
    ConfigurableApplicationContext context;
    try {
      context = application.run(springArgs);
    } catch (RuntimeException e) {
      // Spring Boot has logged why (and the migration strategy below a line saying that the
      // migration failed).
      return 1;
    }
    return SpringApplication.exit(context);
  }

  /**
   * The migration runs as the context starts, even where beans are lazy (a function's definition is
   * set).
   */
  @Bean
  static LazyInitializationExcludeFilter migrationIsNeverLazy() {
    return LazyInitializationExcludeFilter.forBeanTypes(FlywayMigrationInitializer.class);
  }

  /**
   * Migrates, saying what it did; {@code location} is checked first (no embedded file outside local
   * mode).
   */
  @Bean
  FlywayMigrationStrategy migrateAndReport(StoreLocation location) {
    return flyway -> {
      MigrateResult result;
      try {
        result = flyway.migrate();
      } catch (FlywayException e) {
        log.error("Hub store migration failed: {}", e.getMessage());
        throw e;
      }
      if (result.migrationsExecuted == 0) {
        log.info(
            "Hub store schema already at version {}: nothing to migrate",
            version(result.initialSchemaVersion));
      } else {
        log.info(
            "Hub store migrated from version {} to {} ({} {} applied)",
            version(result.initialSchemaVersion),
            version(result.targetSchemaVersion),
            result.migrationsExecuted,
            result.migrationsExecuted == 1 ? "migration" : "migrations");
      }
    };
  }

  private static String version(String version) {
    return version == null ? "none" : version;
  }
}
