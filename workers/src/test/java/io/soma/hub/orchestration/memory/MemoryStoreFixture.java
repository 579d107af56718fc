package io.soma.hub.orchestration.memory;

import io.soma.hub.store.campaign.CampaignArtifacts;
import io.soma.hub.store.memory.Embeddings;
import io.soma.hub.store.memory.MemoryStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The real hub store on a fresh in-memory H2 database, with the memory repositories and artifact
 * rows.
 */
record MemoryStoreFixture(JdbcClient jdbc, MemoryStore store, CampaignArtifacts artifacts) {

  static MemoryStoreFixture migrated() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    return new MemoryStoreFixture(
        jdbc,
        new MemoryStore(dataSource, Clock.systemUTC()),
        new CampaignArtifacts(jdbc, Clock.systemUTC()));
  }

  MemoryRefreshActivities activities(Embeddings embeddings) {
    return new MemoryRefreshActivitiesImpl(store, artifacts, embeddings);
  }

  /** A row as the campaign workflow writes it. */
  void artifact(
      String tenant,
      String campaignId,
      String campaignName,
      String module,
      String name,
      String content) {
    jdbc.sql(
            "INSERT INTO campaign_artifacts (campaign_id, tenant, campaign_name, module, name, content, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(campaignId, tenant, campaignName, module, name, content, OffsetDateTime.now())
        .update();
  }

  /** Pretends an entry was indexed by an older tokenizer. */
  void staleIndex(String tenant, String key) {
    jdbc.sql("UPDATE memory_entries SET index_version = 0 WHERE tenant = ? AND memory_key = ?")
        .params(tenant, key)
        .update();
  }
}
