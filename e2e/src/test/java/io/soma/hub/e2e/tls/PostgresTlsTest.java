package io.soma.hub.e2e.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.e2e.support.PostgresServer;
import io.soma.hub.testing.tls.IssuedCertificate;
import io.soma.hub.testing.tls.TestCertificateAuthority;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL with {@code ssl=on} and only {@code hostssl} in pg_hba.conf, reached as the hub store
 * reaches it: the PostgreSQL JDBC driver with the properties HUB_DB_SSL* set (sslmode, sslrootcert,
 * sslcert, sslkey).
 */
class PostgresTlsTest {

  @TempDir Path directory;

  @Test
  void verifyFullConnectsOverTlsAndPlaintextIsRefused() throws Exception {
    TestCertificateAuthority authority = TestCertificateAuthority.create(directory.resolve("ca"));
    try (PostgresServer postgres = PostgresServer.start(new PostgresServer.Tls(authority, false))) {
      Properties hub = postgres.hubConnectionProperties();

      assertThat(hub)
          .containsEntry("sslmode", "verify-full")
          .containsKey("sslrootcert")
          .doesNotContainKey("sslcert");
      assertThat(sessionUsesTls(postgres, hub)).as("pg_stat_ssl.ssl of the session").isTrue();

      Properties plaintext = postgres.hubConnectionProperties();
      plaintext.setProperty("sslmode", "disable");
      assertThatThrownBy(() -> sessionUsesTls(postgres, plaintext))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no encryption");
    }
  }

  @Test
  void verifyFullRefusesAServerCertificateOfAnotherAuthority() throws Exception {
    TestCertificateAuthority authority = TestCertificateAuthority.create(directory.resolve("ca"));
    TestCertificateAuthority stranger =
        TestCertificateAuthority.create(directory.resolve("stranger"));
    try (PostgresServer postgres = PostgresServer.start(new PostgresServer.Tls(authority, false))) {
      Properties properties = postgres.hubConnectionProperties();
      properties.setProperty("sslrootcert", stranger.certificate().toString());

      assertThatThrownBy(() -> sessionUsesTls(postgres, properties))
          .isInstanceOf(SQLException.class)
          .hasStackTraceContaining("PKIX");
    }
  }

  @Test
  void aServerThatAsksForClientCertificatesTakesTheHubsAndRefusesNone() throws Exception {
    TestCertificateAuthority authority = TestCertificateAuthority.create(directory.resolve("ca"));
    try (PostgresServer postgres = PostgresServer.start(new PostgresServer.Tls(authority, true))) {
      Properties withCertificate = postgres.hubConnectionProperties();

      assertThat(withCertificate).containsKeys("sslcert", "sslkey");
      assertThat(sessionUsesTls(postgres, withCertificate)).isTrue();

      Properties withoutCertificate = postgres.hubConnectionProperties();
      withoutCertificate.remove("sslkey");
      // Not the driver's default client certificate (~/.postgresql/postgresql.crt) either.
      withoutCertificate.setProperty("sslcert", directory.resolve("none.crt").toString());
      assertThatThrownBy(() -> sessionUsesTls(postgres, withoutCertificate))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("certificate");

      IssuedCertificate intruder =
          TestCertificateAuthority.create(directory.resolve("stranger")).issueClient("intruder");
      Properties foreignCertificate = postgres.hubConnectionProperties();
      foreignCertificate.setProperty("sslcert", intruder.certificate().toString());
      foreignCertificate.setProperty("sslkey", intruder.pkcs8DerKey().toString());
      assertThatThrownBy(() -> sessionUsesTls(postgres, foreignCertificate))
          .isInstanceOf(SQLException.class);
    }
  }

  private static boolean sessionUsesTls(PostgresServer postgres, Properties properties)
      throws SQLException {
    properties.setProperty("connectTimeout", "10");
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), properties);
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      assertThat(row.next()).isTrue();
      return row.getBoolean(1);
    }
  }
}
