package io.soma.hub.store.memory;

import io.soma.hub.store.EmbeddedStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh in-memory H2 database in PostgreSQL mode with the hub migrations, and the memory store on
 * it.
 */
record MemoryFixture(DataSource dataSource, JdbcClient jdbc, MemoryStore store) {

  static MemoryFixture migrated() {
    DataSource dataSource = EmbeddedStore.migratedDataSource();
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
