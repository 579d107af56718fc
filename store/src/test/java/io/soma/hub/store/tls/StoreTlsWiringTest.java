package io.soma.hub.store.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.soma.hub.store.HubStoreAutoConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** HUB_DB_SSL* reach the pool Spring Boot makes for HUB_DB_URL, before it connects. */
class StoreTlsWiringTest {

  @Test
  void theVariablesBecomeTheDriversProperties() {
    // Lazy, as a one-function instance runs: only the pool is made, and it connects to nothing.
    new ApplicationContextRunner()
        .withInitializer(
            context ->
                context.addBeanFactoryPostProcessor(
                    new LazyInitializationBeanFactoryPostProcessor()))
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                JdbcTemplateAutoConfiguration.class,
                JdbcClientAutoConfiguration.class,
                HubStoreAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=jdbc:postgresql://db.example:5432/hub",
            "HUB_DB_SSLMODE=verify-full",
            "HUB_DB_SSLROOTCERT=/etc/hub/db-ca.pem")
        .run(
            context ->
                assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties())
                    .containsExactlyInAnyOrderEntriesOf(
                        Map.of("sslmode", "verify-full", "sslrootcert", "/etc/hub/db-ca.pem")));
  }
}
