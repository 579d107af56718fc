package io.soma.hub.store;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the hub store is ({@link StoreLocation}, which refuses an embedded file outside local
 * mode). Imported by the store's auto-configuration and by the migrate command, which both connect.
 */
@Configuration(proxyBeanMethods = false)
public class StoreLocationConfiguration {

  @Bean
  StoreLocation hubStoreLocation(
      @Value("${spring.datasource.url:}") String jdbcUrl,
      @Value("${HUB_LOCAL_MODE:false}") boolean localMode) {
    return new StoreLocation(jdbcUrl, localMode);
  }
}
