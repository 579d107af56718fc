package io.soma.hub.store.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.store.EmbeddedStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schema check's quick answer agrees with Flyway: it says "current" only where Flyway's
 * validation passes, and hands every other case to Flyway.
 */
class StoreSchemaCheckTest {

  private final DataSource dataSource = EmbeddedStore.empty();
  private final JdbcClient jdbc = JdbcClient.create(dataSource);
  private final List<BuildMigrations.Migration> built =
      BuildMigrations.of(getClass().getClassLoader());

  @Test
  void theBuildsMigrationsAreFlywaysWithFlywaysChecksums() {
    Map<MigrationVersion, MigrationInfo> flywaySees =
        java.util.Arrays.stream(flyway().info().all())
            .collect(Collectors.toMap(MigrationInfo::getVersion, info -> info));

    assertThat(built).hasSameSizeAs(flywaySees.values()).isNotEmpty();
    for (BuildMigrations.Migration migration : built) {
      MigrationInfo info = flywaySees.get(migration.version());
      assertThat(info).as("version %s", migration.version()).isNotNull();
      assertThat(migration.checksum()).isEqualTo(info.getChecksum());
      assertThat(migration.description()).isEqualTo(info.getDescription());
    }
  }

  @Test
  void aStoreMigratedByFlywayIsCurrent() {
    flyway().migrate();

    assertThat(current()).contains(newestBuilt());
  }

  @Test
  void aNewStoreIsNot() {
    assertThat(current()).isEmpty();
  }

  @Test
  void aPendingMigrationAChangedScriptOrAFailedOneIsLeftToFlyway() {
    flyway().migrate();
    jdbc.sql("UPDATE flyway_schema_history SET checksum = 1 WHERE version = '2'").update();
    assertThat(current()).as("changed script").isEmpty();

    jdbc.sql("DELETE FROM flyway_schema_history WHERE version = '2'").update();
    assertThat(current()).as("a migration missing").isEmpty();
  }

  @Test
  void aFailedMigrationOrAnUnknownOlderOneIsLeftToFlyway() {
    flyway().migrate();
    insertHistoryRow("99", false);
    assertThat(current()).as("failed").isEmpty();

    jdbc.sql("DELETE FROM flyway_schema_history WHERE version = '99'").update();
    insertHistoryRow("1.5", true);
    assertThat(current()).as("applied here, unknown to this build").isEmpty();
  }

  @Test
  void aNewerReleasesMigrationIsAcceptedAsFlywayAcceptsIt() {
    flyway().migrate();
    insertHistoryRow("99", true);

    assertThat(current()).contains(MigrationVersion.fromVersion("99"));
  }

  @Test
  void theCheckMigratesLocallyAndRefusesElsewhereThroughFlyway() {
    assertThatThrownBy(
            () -> new StoreSchemaCheck(dataSource, new SchemaAtStart(false)).afterPropertiesSet())
        .isInstanceOf(StoreSchemaMismatchException.class)
        .hasMessageContaining("has no schema yet");

    new StoreSchemaCheck(dataSource, new SchemaAtStart(true)).afterPropertiesSet();
    assertThat(current()).contains(newestBuilt());

    // Current now (aStoreMigratedByFlywayIsCurrent: the quick answer), so it passes where it may
    // not migrate.
    new StoreSchemaCheck(dataSource, new SchemaAtStart(false)).afterPropertiesSet();
  }

  private java.util.Optional<MigrationVersion> current() {
    return AppliedSchema.matching(AppliedSchema.read(dataSource), built);
  }

  private MigrationVersion newestBuilt() {
    return built.stream()
        .map(BuildMigrations.Migration::version)
        .max(MigrationVersion::compareTo)
        .orElseThrow();
  }

  private void insertHistoryRow(String version, boolean success) {
    jdbc.sql(
            "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success) VALUES ((SELECT MAX(installed_rank) + 1"
                + " FROM flyway_schema_history), ?, 'later', 'SQL', ?, 7, 'test', 1, ?)")
        .params(version, "V" + version + "__later.sql", success)
        .update();
  }

  private Flyway flyway() {
    return Flyway.configure().dataSource(dataSource).locations(BuildMigrations.LOCATION).load();
  }
}
