package io.soma.hub.store.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What campaigns produced, one row per campaign, module and artifact name. A retried module records each artifact
 * once; the memory refresh re-indexes these rows.
 */
public class CampaignArtifacts {

  public record Artifact(
      String campaignId,
      String tenant,
      String campaignName,
      String module,
      String name,
      String content,
      Instant recordedAt) {}

  private static final String COLUMNS = "campaign_id, tenant, campaign_name, module, name, content, recorded_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  public CampaignArtifacts(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Returns true when this call recorded the artifact; an artifact already recorded keeps its first content. */
  public boolean record(
      String campaignId, String tenant, String campaignName, String module, String name, String content) {
    return InsertIfAbsent.insert(
        jdbc.sql("INSERT INTO campaign_artifacts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
            .params(campaignId, tenant, campaignName, module, name, content, OffsetDateTime.now(clock)));
  }

  public List<Artifact> ofCampaign(String campaignId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM campaign_artifacts WHERE campaign_id = ? ORDER BY recorded_at, module, name")
        .param(campaignId)
        .query(CampaignArtifacts::artifact)
        .list();
  }

  public List<Artifact> ofModule(String campaignId, String module) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM campaign_artifacts WHERE campaign_id = ? AND module = ? ORDER BY name")
        .params(campaignId, module)
        .query(CampaignArtifacts::artifact)
        .list();
  }

  /** Removes what a module recorded, when its compensation undoes it; returns how many rows went. */
  public int deleteModule(String campaignId, String module) {
    return jdbc.sql("DELETE FROM campaign_artifacts WHERE campaign_id = ? AND module = ?")
        .params(campaignId, module)
        .update();
  }

  /**
   * Artifacts of the tenant's other campaigns whose name, campaign name or content contains the query
   * (case-insensitive), newest first.
   */
  public List<Artifact> search(String tenant, String excludedCampaignId, String query, int limit) {
    String pattern = "%" + query.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM campaign_artifacts WHERE tenant = ? AND campaign_id <> ? AND "
                + "(LOWER(name) LIKE ? OR LOWER(campaign_name) LIKE ? OR LOWER(content) LIKE ?) "
                + "ORDER BY recorded_at DESC, campaign_id, module, name LIMIT ?")
        .params(tenant, excludedCampaignId, pattern, pattern, pattern, limit)
        .query(CampaignArtifacts::artifact)
        .list();
  }

  private static Artifact artifact(ResultSet rs, int row) throws SQLException {
    return new Artifact(
        rs.getString("campaign_id"),
        rs.getString("tenant"),
        rs.getString("campaign_name"),
        rs.getString("module"),
        rs.getString("name"),
        rs.getString("content"),
        rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
  }
}
