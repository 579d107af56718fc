package io.soma.hub.store.migration;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a function or the worker does with the hub store's schema when it starts and the schema is
 * not simply current ({@link StoreSchemaCheck}), in place of Spring Boot's migrate. Locally it
 * migrates, as nobody else will. Otherwise it only validates, which reads {@code
 * flyway_schema_history} and nothing else: in a cluster these processes connect as a user without
 * DDL rights, and the release's migrations ran before them as the migrate command ({@link
 * StoreMigration}). A schema behind this build, or an applied migration that differs from this
 * build's, stops the start. A schema ahead of this build is accepted (Flyway ignores future
 * migrations): it is the next release's, migrated while this one still serves, and a release's
 * migrations keep the previous release working.
 */
public final class SchemaAtStart {

  private static final Logger log = LoggerFactory.getLogger(SchemaAtStart.class);

  private final boolean migrate;

  /**
   * @param migrate migrate at start (local mode, an in-memory database), else only validate
   */
  public SchemaAtStart(boolean migrate) {
    this.migrate = migrate;
  }

  /**
   * Whether a process migrates at start: {@code hub.store.migrate-on-start} when it is set, else in
   * local mode and on an in-memory database, which is new at every start so nothing else can have
   * migrated it.
   */
  public static boolean migratesAtStart(String migrateOnStart, boolean localMode, String jdbcUrl) {
    if (migrateOnStart != null && !migrateOnStart.isBlank()) {
      return Boolean.parseBoolean(migrateOnStart.strip());
    }
    return localMode || (jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:mem:"));
  }

  public void migrate(Flyway flyway) {
    if (migrate) {
      flyway.migrate();
      return;
    }
    ValidateResult result = flyway.validateWithResult();
    if (!result.validationSuccessful) {
      throw new StoreSchemaMismatchException(describe(flyway.info(), result));
    }
    MigrationInfo current = flyway.info().current();
    log.info(
        "Hub store schema at version {}, as this build expects; not migrating (migrations run before start)",
        current == null ? "none" : current.getVersion());
  }

  private static String describe(MigrationInfoService info, ValidateResult result) {
    MigrationInfo[] pending = info.pending();
    if (pending.length == 0) {
      return "The hub store's schema does not match this build's migrations: "
          + result.getAllErrorMessages();
    }
    MigrationInfo current = info.current();
    String expected = pending[pending.length - 1].getVersion().getVersion();
    String pendingList =
        Arrays.stream(pending)
            .map(migration -> migration.getVersion() + " " + migration.getDescription())
            .collect(Collectors.joining(", "));
    String actual =
        current == null
            ? "has no schema yet (no migration applied)"
            : "is at schema version " + current.getVersion();
    return "The hub store "
        + actual
        + "; this build needs version "
        + expected
        + " (not applied: "
        + pendingList
        + ")";
  }
}
