package io.soma.hub.e2e.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.HubProcess;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalTokens;
import io.soma.hub.e2e.support.PostgresServer;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.testing.cluster.Ports;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Schema migrations as a cluster runs them, on a real PostgreSQL: the users and grants of
 * docs/operations.md (Schema migrations), run as written; the functions jar's {@code migrate}
 * command, run as the hub-migrate Job runs it, by the owner; then functions and the worker outside
 * local mode, connected as the user without DDL rights. The tests run in order: the first two need
 * the database not yet migrated.
 */
@RequiresHubJars
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationsOnPostgresEndToEndTest {

  private static final String APP_USER = "hub_app";
  private static final String APP_PASSWORD = "app-" + UUID.randomUUID();
  private static final Duration COMMAND = Duration.ofMinutes(2);

  /**
   * Functions that write to the store: moderation strikes (an identity column) and memory entries
   * and postings.
   */
  private static final String FUNCTIONS = "status;createSession;rememberMemory;recallMemory";

  private static PostgresServer postgres;
  private static Path jar;
  private static final LocalTokens TOKENS = LocalTokens.withRandomSecret();

  @BeforeAll
  static void databaseWithTheDocumentedUsers() throws IOException {
    jar = HubJars.functions();
    postgres = PostgresServer.start();
    postgres.runAsSuperuser(PostgresServer.DATABASE, documentedGrants());
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Order(1)
  void theFunctionsAndTheWorkerRefuseToStartOnAStoreThatIsNotMigrated() {
    for (HubProcess process :
        List.of(
            function("function-unmigrated", FUNCTIONS, Ports.free()),
            worker("worker-unmigrated", Ports.free()))) {
      assertThat(process.runToExit(COMMAND)).as(process.name()).isNotZero();
      assertThat(process.logTail(40))
          .contains("APPLICATION FAILED TO START")
          .contains(
              "The hub store has no schema yet (no migration applied); this build needs version 7")
          .contains("hub-migrate Job");
    }
  }

  @Test
  @Order(2)
  void theUserWithoutDdlRightsCannotMigrate() {
    HubProcess migrate = migrate("migrate-as-app", APP_USER, APP_PASSWORD);

    assertThat(migrate.runToExit(COMMAND)).isOne();
    assertThat(migrate.logTail(200))
        .contains("Hub store migration failed: ")
        .contains("permission denied for schema public");
  }

  @Test
  @Order(3)
  void theOwnerMigratesAndTheCommandExits() {
    HubProcess first = migrate("migrate-as-owner", postgres.user(), postgres.password());
    assertThat(first.runToExit(COMMAND)).as(first.logTail(40)).isZero();
    assertThat(first.logTail(40))
        .contains("Hub store migrated from version none to 7 (7 migrations applied)")
        .contains("Started StoreMigration")
        .doesNotContain("Tomcat")
        .doesNotContain("GatewayApplication");

    HubProcess again = migrate("migrate-as-owner-again", postgres.user(), postgres.password());
    assertThat(again.runToExit(COMMAND)).as(again.logTail(40)).isZero();
    assertThat(again.logTail(40))
        .contains("Hub store schema already at version 7: nothing to migrate");
  }

  @Test
  @Order(4)
  void aFunctionServesAsTheUserWithoutDdlRights() {
    int port = Ports.free();
    HubProcess function = function("function-as-app", FUNCTIONS, port);
    try {
      function.start();
      assertThat(function.logTail(200))
          .contains("Hub store schema at version 7, as this build expects");
      JsonHttp ann =
          new JsonHttp(URI.create("http://127.0.0.1:" + port + "/"))
              .as(TOKENS.mint("acme", "ann", "sessions:write", "memory:write", "memory:read"));

      assertThat(ann.get("/v1/status").status()).isEqualTo(200);
      assertThat(ann.post("/v1/memory", Map.of("key", "brand:voice", "value", "warm")).status())
          .isEqualTo(201);
      assertThat(
              ann.post("/v1/memory", Map.of("key", "brand:voice", "value", "warm, plain")).status())
          .isEqualTo(200);
      JsonNode recalled = ann.get("/v1/memory/brand:voice").json();
      assertThat(recalled.get("value").asText()).isEqualTo("warm, plain");

      JsonHttp.Response blocked = ann.post("/v1/sessions", Map.of("prompt", "write malware"));
      assertThat(blocked.status()).as(blocked.toString()).isEqualTo(403);
      assertThat(blocked.json().get("strike_count").asInt()).isEqualTo(1);
    } finally {
      function.stop();
    }
  }

  @Test
  @Order(5)
  void theWorkerStartsAsTheUserWithoutDdlRights() {
    HubProcess worker = worker("worker-as-app", Ports.free());
    try {
      worker.start();
      assertThat(worker.logTail(400))
          .contains("Hub store schema at version 7, as this build expects");
    } finally {
      worker.stop();
    }
  }

  @Test
  @Order(6)
  void theUserWithoutDdlRightsChangesRowsOnly() throws SQLException {
    try (Connection app = DriverManager.getConnection(postgres.jdbcUrl(), APP_USER, APP_PASSWORD);
        Statement sql = app.createStatement()) {
      assertThat(sql.executeQuery("SELECT count(*) FROM memory_entries"))
          .satisfies(
              rows -> {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isOne();
              });
      for (String ddl :
          List.of(
              "CREATE TABLE intruder (id INTEGER)",
              "CREATE TEMPORARY TABLE intruder (id INTEGER)",
              "ALTER TABLE memory_entries ADD COLUMN intruder INTEGER",
              "CREATE INDEX intruder ON memory_entries (updated_at)",
              "DROP TABLE moderation_strikes",
              "TRUNCATE audit_events",
              "DROP TABLE flyway_schema_history")) {
        assertThatThrownBy(() -> sql.execute(ddl))
            .as(ddl)
            .isInstanceOf(SQLException.class)
            .hasMessageMatching("(?s).*(permission denied|must be owner).*");
      }
    }
  }

  /** The second SQL block of docs/operations.md, Schema migrations, with this test's password. */
  private static String documentedGrants() throws IOException {
    String operations = Files.readString(HubJars.root().resolve("docs/operations.md"));
    String section = operations.substring(operations.indexOf("## Schema migrations"));
    Matcher block = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL).matcher(section);
    while (block.find()) {
      if (block.group(1).contains("CREATE ROLE " + APP_USER)) {
        String sql = block.group(1);
        assertThat(sql).contains("'app-password'");
        return sql.replace("'app-password'", "'" + APP_PASSWORD + "'");
      }
    }
    throw new AssertionError(
        "docs/operations.md, Schema migrations, has no SQL block creating " + APP_USER);
  }

  private static HubProcess migrate(String name, String user, String password) {
    Map<String, String> environment =
        Map.of("HUB_DB_URL", postgres.jdbcUrl(), "HUB_DB_USER", user, "HUB_DB_PASSWORD", password);
    // As the Job runs the image: its entrypoint, java -jar functions.jar, with the argument
    // migrate.
    return HubProcess.java(
        name,
        List.of("-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "migrate"),
        environment,
        null);
  }

  /**
   * The worker as its Deployment runs it (outside local mode, as the user without DDL rights), with
   * Temporal's test server in process instead of a Temporal service; ready once Temporal and the
   * store answer.
   */
  private static HubProcess worker(String name, int port) {
    Map<String, String> environment = new HashMap<>(appStore());
    environment.put("HUB_WORKER_PORT", Integer.toString(port));
    environment.put("HUB_JWT_SECRET", TOKENS.secret());
    environment.put("HUB_TEMPORAL_EMBEDDED", "true");
    environment.put("HUB_TEMPORAL_ADDRESS", "127.0.0.1:" + Ports.free());
    return HubProcess.java(
        name,
        List.of("-XX:TieredStopAtLevel=1", "-jar", HubJars.worker().toString()),
        environment,
        URI.create("http://127.0.0.1:" + port + "/health/readiness"));
  }

  private static Map<String, String> appStore() {
    return Map.of(
        "HUB_DB_URL", postgres.jdbcUrl(), "HUB_DB_USER", APP_USER, "HUB_DB_PASSWORD", APP_PASSWORD);
  }

  /**
   * A function as its Knative Service runs it: outside local mode, as the user without DDL rights.
   */
  private static HubProcess function(String name, String definition, int port) {
    Map<String, String> environment = new HashMap<>(appStore());
    environment.put("SPRING_CLOUD_FUNCTION_DEFINITION", definition);
    environment.put("PORT", Integer.toString(port));
    environment.put("HUB_JWT_SECRET", TOKENS.secret());
    // No Temporal: these calls never reach it, and the client connects lazily.
    environment.put("HUB_TEMPORAL_ADDRESS", "127.0.0.1:" + Ports.free());
    return HubProcess.java(
        name,
        List.of("-XX:TieredStopAtLevel=1", "-jar", jar.toString()),
        environment,
        URI.create("http://127.0.0.1:" + port + "/health/readiness"));
  }
}
