package io.soma.hub.functions.limits;

import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Limiters for tests: on a fresh migrated in-memory H2 database, or on a database that cannot be
 * reached.
 */
final class LimiterStores {

  private LimiterStores() {}

  static JdbcConnectionDetails freshH2() {
    String url =
        "jdbc:h2:mem:"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    Flyway.configure().dataSource(url, "sa", "").load().migrate();
    return connection(url);
  }

  /** Nothing listens on port 1: every connection is refused at once. */
  static JdbcConnectionDetails unreachablePostgres() {
    return connection("jdbc:postgresql://127.0.0.1:1/hub");
  }

  static LimitSettings settings(Map<String, String> properties) {
    Map<String, String> all = new java.util.HashMap<>(properties);
    all.putIfAbsent("hub.rate-limits.default.reads", "1000/1s");
    all.putIfAbsent("hub.rate-limits.default.writes", "1000/1s");
    all.putIfAbsent("hub.rate-limits.default.sessions", "1000/1s");
    all.putIfAbsent("hub.rate-limits.default.running-sessions", "1000");
    return new Binder(new MapConfigurationPropertySource(all))
        .bindOrCreate("hub.rate-limits", LimitSettings.class);
  }

  private static JdbcConnectionDetails connection(String url) {
    return new JdbcConnectionDetails() {
      @Override
      public String getUsername() {
        return "sa";
      }

      @Override
      public String getPassword() {
        return "";
      }

      @Override
      public String getJdbcUrl() {
        return url;
      }
    };
  }
}
