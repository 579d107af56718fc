package io.soma.hub.store.tls;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The TLS settings of the hub store's connections ({@link StoreTls}). Imported by the store's
 * auto-configuration and by the migrate command, which both connect.
 */
@Configuration(proxyBeanMethods = false)
public class StoreTlsConfiguration {

  /**
   * Static: a post-processor is made before the beans it processes, and before placeholders in
   * {@code @Value} are resolved, so it reads the environment itself.
   */
  @Bean
  static BeanPostProcessor hubStoreTls(Environment environment) {
    return new StoreTlsPostProcessor(
        new StoreTls(
            environment.getProperty("HUB_DB_SSLMODE"),
            environment.getProperty("HUB_DB_SSLROOTCERT"),
            environment.getProperty("HUB_DB_SSLCERT"),
            environment.getProperty("HUB_DB_SSLKEY")));
  }
}
