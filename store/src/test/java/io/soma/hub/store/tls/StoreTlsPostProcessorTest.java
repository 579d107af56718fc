package io.soma.hub.store.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreTlsPostProcessorTest {

  @Test
  void givesThePostgresPoolTheDriversSslProperties() {
    HikariDataSource pool = pool("jdbc:postgresql://db.example:5432/hub");
    StoreTls tls = new StoreTls("verify-full", "/etc/hub/db-ca.pem", " ", null);

    new StoreTlsPostProcessor(tls).postProcessBeforeInitialization(pool, "dataSource");

    assertThat(pool.getDataSourceProperties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("sslmode", "verify-full", "sslrootcert", "/etc/hub/db-ca.pem"));
  }

  @Test
  void nothingSetLeavesThePoolAsItIs() {
    HikariDataSource pool = pool("jdbc:h2:mem:hub");

    new StoreTlsPostProcessor(new StoreTls("", null, null, " "))
        .postProcessBeforeInitialization(pool, "dataSource");

    assertThat(pool.getDataSourceProperties()).isEmpty();
  }

  @Test
  void refusesTlsSettingsForTheEmbeddedDatabase() {
    HikariDataSource pool = pool("jdbc:h2:file:/tmp/hub");
    StoreTlsPostProcessor tls =
        new StoreTlsPostProcessor(new StoreTls("verify-full", null, null, null));

    assertThatThrownBy(() -> tls.postProcessBeforeInitialization(pool, "dataSource"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sslmode")
        .hasMessageContaining("not PostgreSQL");
  }

  private static HikariDataSource pool(String url) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    return pool;
  }
}
