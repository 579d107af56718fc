package io.soma.hub.store.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

@ExtendWith(OutputCaptureExtension.class)
class StoreMigrationTest {

  private final String url =
      "jdbc:h2:mem:"
          + UUID.randomUUID()
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";

  @Test
  void onlyTheMigrateArgumentSelectsTheCommand() {
    assertThat(StoreMigration.requested("migrate")).isTrue();
    assertThat(StoreMigration.requested("migrate", "--debug")).isTrue();
    assertThat(StoreMigration.requested()).isFalse();
    assertThat(StoreMigration.requested("--migrate")).isFalse();
    assertThat(StoreMigration.requested("--server.port=0", "migrate")).isFalse();
  }

  @Test
  void migratesThenFindsNothingToDo(CapturedOutput output) {
    assertThat(StoreMigration.run("migrate", "--spring.datasource.url=" + url)).isZero();
    assertThat(output).contains("Hub store migrated from version none to 7 (7 migrations applied)");
    JdbcClient store = JdbcClient.create(new DriverManagerDataSource(url, "sa", ""));
    assertThat(store.sql("SELECT count(*) FROM memory_entries").query(Long.class).single())
        .isZero();

    assertThat(StoreMigration.run("migrate", "--spring.datasource.url=" + url)).isZero();
    assertThat(output).contains("Hub store schema already at version 7: nothing to migrate");
  }

  @Test
  void aFailingMigrationExitsWithOneAndSaysSo(CapturedOutput output) {
    int exit =
        StoreMigration.run(
            "migrate",
            "--spring.datasource.url=" + url,
            "--spring.flyway.locations=classpath:db/migration,classpath:db/broken");

    assertThat(exit).isOne();
    assertThat(output).contains("Hub store migration failed: ").contains("no_such_table");
  }

  @Test
  void theEmbeddedFileDatabaseIsRefusedOutsideLocalMode(CapturedOutput output) {
    int exit =
        StoreMigration.run(
            "migrate", "--spring.datasource.url=jdbc:h2:file:/tmp/soma-hub-never/hub");

    assertThat(exit).isOne();
    assertThat(output).contains("set HUB_DB_URL");
  }
}
