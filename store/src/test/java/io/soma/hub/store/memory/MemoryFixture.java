package io.soma.hub.store.memory;

import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh in-memory H2 database in PostgreSQL mode with the hub migrations, and the memory store on
 * it.
 */
record MemoryFixture(DataSource dataSource, JdbcClient jdbc, MemoryStore store) {

  static MemoryFixture migrated() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).load().migrate();
    return new MemoryFixture(
        dataSource, JdbcClient.create(dataSource), new MemoryStore(dataSource, Clock.systemUTC()));
  }

  long postings(String tenant, String key) {
    return jdbc.sql("SELECT COUNT(*) FROM memory_postings WHERE tenant = ? AND memory_key = ?")
        .params(tenant, key)
        .query(Long.class)
        .single();
  }

  boolean hasPosting(String tenant, String key, String term) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM memory_postings WHERE tenant = ? AND memory_key = ? AND term = ?")
            .params(tenant, key, term)
            .query(Long.class)
            .single()
        > 0;
  }
}
