package io.soma.hub.store;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh in-memory H2 database in PostgreSQL mode, with the hub migrations applied or without. */
public final class EmbeddedStore {

  private EmbeddedStore() {}

  public static JdbcClient migrated() {
    return JdbcClient.create(migratedDataSource());
  }

  /** For repositories that run transactions of their own. */
  public static DataSource migratedDataSource() {
    DataSource dataSource = empty();
    Flyway.configure().dataSource(dataSource).load().migrate();
    return dataSource;
  }

  /** No schema yet: a store before its first migration. */
  public static DataSource empty() {
    return new DriverManagerDataSource(
        "jdbc:h2:mem:"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
  }
}
