package io.soma.hub.functions.memory;

import io.soma.hub.store.memory.MemorySearch;
import io.soma.hub.store.memory.MemoryStore;
import io.temporal.client.WorkflowClient;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MemoryFunctions {

  @Bean
  Function<RememberCommand, MemoryView> rememberMemory(MemoryStore store, MemorySearch search) {
    return new RememberMemory(store, search);
  }

  @Bean
  Function<RecallLookup, MemoryView> recallMemory(MemoryStore store) {
    return new RecallMemory(store);
  }

  @Bean
  Function<SearchCommand, SearchView> searchMemory(MemorySearch search) {
    return new SearchMemory(search);
  }

  @Bean
  Function<RefreshCommand, RefreshAccepted> refreshMemory(WorkflowClient client) {
    return new RefreshMemory(new MemoryRefreshStarter(client));
  }
}
