package io.soma.hub.store.memory;

import io.soma.hub.store.HubStoreAutoConfiguration;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * Memory for any application with the hub store: the entries, their search, and the campaign
 * artifacts to index.
 */
@AutoConfiguration(after = HubStoreAutoConfiguration.class)
@EnableConfigurationProperties(EmbeddingsProperties.class)
public class MemoryStoreAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MemoryStoreAutoConfiguration.class);

  @Bean
  @DependsOnDatabaseInitialization
  MemoryStore memoryStore(DataSource dataSource, Clock clock) {
    return new MemoryStore(dataSource, clock);
  }

  @Bean
  @ConditionalOnMissingBean
  Embeddings memoryEmbeddings(EmbeddingsProperties properties) {
    Embeddings embeddings = properties.embeddings();
    if (embeddings instanceof OpenAiEmbeddings client) {
      log.info("Memory embeddings: {} with model {}", client.embeddingsUri(), embeddings.model());
    } else {
      log.info("No HUB_EMBEDDINGS_BASE_URL: memory is ranked lexically (BM25)");
    }
    return embeddings;
  }

  @Bean
  MemorySearch memorySearch(MemoryStore store, Embeddings embeddings) {
    return new MemorySearch(store, embeddings);
  }
}
