package io.soma.hub.store.tls;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts {@link StoreTls} on the pool of PostgreSQL connections before its first connection, and
 * refuses it for any other database.
 */
final class StoreTlsPostProcessor implements BeanPostProcessor {

  private final StoreTls tls;

  StoreTlsPostProcessor(StoreTls tls) {
    this.tls = tls;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && tls.configured()) {
      apply(pool);
    }
    return bean;
  }

  void apply(HikariDataSource pool) {
    String url = pool.getJdbcUrl();
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      // The embedded database has no TLS: a setting that cannot take effect must not look as if it
      // did.
      throw new IllegalStateException(
          "HUB_DB_SSL* is set ("
              + String.join(", ", tls.driverProperties().keySet())
              + "), but the hub store is not PostgreSQL (HUB_DB_URL="
              + url
              + ")");
    }
    tls.driverProperties().forEach(pool::addDataSourceProperty);
  }
}
