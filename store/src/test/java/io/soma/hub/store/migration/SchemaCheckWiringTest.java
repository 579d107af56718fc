package io.soma.hub.store.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.store.HubStoreAutoConfiguration;
import io.soma.hub.store.ModerationStrikes;
import io.soma.hub.store.campaign.CampaignArtifacts;
import io.soma.hub.store.campaign.CampaignStoreAutoConfiguration;
import io.soma.hub.store.memory.MemoryStore;
import io.soma.hub.store.memory.MemoryStoreAutoConfiguration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The store's repositories wait for the schema check, also with lazy beans, as a one-function
 * instance has them.
 */
class SchemaCheckWiringTest {

  private final ApplicationContextRunner lazyApplication =
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
                  HubStoreAutoConfiguration.class,
                  CampaignStoreAutoConfiguration.class,
                  MemoryStoreAutoConfiguration.class))
          .withPropertyValues(
              "spring.datasource.url=jdbc:h2:mem:"
                  + UUID.randomUUID()
                  + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
              "hub.store.migrate-on-start=false");

  @Test
  void aProcessThatDoesNotUseTheStoreStartsWithoutCheckingIt() {
    lazyApplication.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(
                  context
                      .getSourceApplicationContext()
                      .getBeanFactory()
                      .containsSingleton("dataSource"))
              .as("connected to the store")
              .isFalse();
        });
  }

  @Test
  void eachRepositoryChecksTheSchemaFirst() {
    for (Class<?> repository :
        List.of(MemoryStore.class, ModerationStrikes.class, CampaignArtifacts.class)) {
      lazyApplication.run(
          context ->
              assertThatThrownBy(() -> context.getBean(repository))
                  .as("%s on an unmigrated store", repository.getSimpleName())
                  .rootCause()
                  .isInstanceOf(StoreSchemaMismatchException.class)
                  .hasMessageContaining("has no schema yet"));
    }
  }

  @Test
  void migratingAtStartMakesTheRepositoriesWork() {
    lazyApplication
        .withPropertyValues("hub.store.migrate-on-start=true")
        .run(
            context ->
                assertThat(context.getBean(MemoryStore.class).recall("acme", "nothing")).isEmpty());
  }
}
