package io.soma.hub.store.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One row per campaign whose analytics were set up. The row is the guard that makes {@code
 * campaign_analytics_created_total} count each campaign once, across activity retries and worker
 * restarts.
 */
public class CampaignAnalytics {

  public record Recorded(
      String campaignId, String tenant, String campaignName, Instant createdAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public CampaignAnalytics(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Returns true when this call recorded the campaign, false when it was already recorded. */
  public boolean recordOnce(String campaignId, String tenant, String campaignName) {
    return InsertIfAbsent.insert(
        jdbc.sql(
                "INSERT INTO campaign_analytics (campaign_id, tenant, campaign_name, created_at) VALUES (?, ?, ?, ?)")
            .params(campaignId, tenant, campaignName, OffsetDateTime.now(clock)));
  }

  public Optional<Recorded> find(String campaignId) {
    return jdbc.sql(
            "SELECT campaign_id, tenant, campaign_name, created_at FROM campaign_analytics WHERE campaign_id = ?")
        .param(campaignId)
        .query(CampaignAnalytics::recorded)
        .optional();
  }

  /** The campaigns recorded at or after {@code since}, oldest first. */
  public List<Recorded> recordedSince(Instant since) {
    return jdbc.sql(
            "SELECT campaign_id, tenant, campaign_name, created_at FROM campaign_analytics WHERE created_at >= ? "
                + "ORDER BY created_at, campaign_id")
        .param(OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
        .query(CampaignAnalytics::recorded)
        .list();
  }

  private static Recorded recorded(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Recorded(
        rs.getString("campaign_id"),
        rs.getString("tenant"),
        rs.getString("campaign_name"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
