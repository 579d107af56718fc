package io.soma.hub.store.migration;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * The hub store's schema check when a function or the worker starts; every repository waits for it
 * (a {@code DatabaseInitializer}, see {@link StoreSchemaCheckDetector}). Nearly every start finds
 * the schema exactly as this build's migrations leave it, and reads that from {@code
 * flyway_schema_history} in one query, without configuring Flyway: Flyway, its configuration and
 * the Jackson it brings are about 1,200 classes, a tenth of what a function loads to start. Every
 * other case goes to Flyway, through {@link SchemaAtStart}: it migrates (locally), or validates and
 * stops the start with the reason.
 */
public final class StoreSchemaCheck implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(StoreSchemaCheck.class);

  private final DataSource dataSource;
  private final SchemaAtStart otherwise;

  public StoreSchemaCheck(DataSource dataSource, SchemaAtStart otherwise) {
    this.dataSource = dataSource;
    this.otherwise = otherwise;
  }

  @Override
  public void afterPropertiesSet() {
    ClassLoader classLoader = getClass().getClassLoader();
    var current =
        AppliedSchema.matching(AppliedSchema.read(dataSource), BuildMigrations.of(classLoader));
    if (current.isPresent()) {
      log.info("Hub store schema at version {}, as this build expects", current.get());
      return;
    }
    otherwise.migrate(
        Flyway.configure(classLoader)
            .dataSource(dataSource)
            .locations(BuildMigrations.LOCATION)
            .load());
  }
}
