package io.soma.hub.store.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.store.EmbeddedStore;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class SchemaAtStartTest {

  private final DataSource dataSource = EmbeddedStore.empty();
  private final JdbcClient jdbc = JdbcClient.create(dataSource);

  @Test
  void migratesLocallyAndOnAnInMemoryDatabaseOnlyUnlessTold() {
    String postgres = "jdbc:postgresql://db:5432/hub";

    assertThat(SchemaAtStart.migratesAtStart("", false, postgres)).isFalse();
    assertThat(SchemaAtStart.migratesAtStart(null, true, postgres)).isTrue();
    assertThat(SchemaAtStart.migratesAtStart("", false, "jdbc:h2:mem:test;MODE=PostgreSQL"))
        .isTrue();
    assertThat(SchemaAtStart.migratesAtStart("true", false, postgres)).isTrue();
    assertThat(SchemaAtStart.migratesAtStart("false", true, "jdbc:h2:mem:test")).isFalse();
  }

  @Test
  void migratingMigrates() {
    new SchemaAtStart(true).migrate(flyway());

    assertThat(tables())
        .contains(
            "moderation_strikes",
            "campaign_artifacts",
            "memory_entries",
            "rate_limit_buckets",
            "session_slots",
            "schedule_seats");
  }

  @Test
  void anEmptyDatabaseIsRefusedAndLeftAsItIs() {
    assertThatThrownBy(() -> new SchemaAtStart(false).migrate(flyway()))
        .isInstanceOf(StoreSchemaMismatchException.class)
        .hasMessage(
            "The hub store has no schema yet (no migration applied); this build needs version 7 (not applied:"
                + " 1 hub store, 2 campaigns, 3 memory, 4 limits, 5 session turns, 6 session events, 7 schedules)");
    assertThat(tables()).isEmpty();
  }

  @Test
  void aSchemaBehindThisBuildIsRefused() {
    Flyway.configure().dataSource(dataSource).target("2").load().migrate();

    assertThatThrownBy(() -> new SchemaAtStart(false).migrate(flyway()))
        .isInstanceOf(StoreSchemaMismatchException.class)
        .hasMessage(
            "The hub store is at schema version 2; this build needs version 7 (not applied: 3 memory, 4 limits,"
                + " 5 session turns, 6 session events, 7 schedules)");
    assertThat(tables()).doesNotContain("memory_entries");
  }

  @Test
  void theSchemaOfThisBuildPasses() {
    flyway().migrate();

    assertThatCode(() -> new SchemaAtStart(false).migrate(flyway())).doesNotThrowAnyException();
  }

  @Test
  void aSchemaAheadOfThisBuildPasses() {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration", "classpath:db/next-release")
        .load()
        .migrate();

    assertThatCode(() -> new SchemaAtStart(false).migrate(flyway())).doesNotThrowAnyException();
  }

  @Test
  void anAppliedMigrationThatDiffersFromThisBuildsIsRefused() {
    flyway().migrate();
    jdbc.sql("UPDATE flyway_schema_history SET checksum = 1 WHERE version = '2'").update();

    assertThatThrownBy(() -> new SchemaAtStart(false).migrate(flyway()))
        .isInstanceOf(StoreSchemaMismatchException.class)
        .hasMessageStartingWith("The hub store's schema does not match this build's migrations: ")
        .hasMessageContaining("checksum mismatch for migration version 2");
  }

  private Flyway flyway() {
    return Flyway.configure().dataSource(dataSource).load();
  }

  private java.util.List<String> tables() {
    return jdbc.sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " AND table_name <> 'flyway_schema_history'")
        .query(String.class)
        .list();
  }
}
