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
 * What campaigns produced, one row per campaign, module and artifact name. A retried module records
 * each artifact once; the memory refresh reads them by campaign name, a page at a time, and
 * re-indexes them into memory.
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

  private static final String COLUMNS =
      "campaign_id, tenant, campaign_name, module, name, content, recorded_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  public CampaignArtifacts(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Returns true when this call recorded the artifact; an artifact already recorded keeps its first
   * content.
   */
  public boolean record(
      String campaignId,
      String tenant,
      String campaignName,
      String module,
      String name,
      String content) {
    return InsertIfAbsent.insert(
        jdbc.sql("INSERT INTO campaign_artifacts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
            .params(
                campaignId,
                tenant,
                campaignName,
                module,
                name,
                content,
                OffsetDateTime.now(clock)));
  }

  public List<Artifact> ofCampaign(String campaignId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM campaign_artifacts WHERE campaign_id = ? ORDER BY recorded_at, module, name")
        .param(campaignId)
        .query(CampaignArtifacts::artifact)
        .list();
  }

  public List<Artifact> ofModule(String campaignId, String module) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM campaign_artifacts WHERE campaign_id = ? AND module = ? ORDER BY name")
        .params(campaignId, module)
        .query(CampaignArtifacts::artifact)
        .list();
  }

  /**
   * Removes what a module recorded, when its compensation undoes it; returns how many rows went.
   */
  public int deleteModule(String campaignId, String module) {
    return jdbc.sql("DELETE FROM campaign_artifacts WHERE campaign_id = ? AND module = ?")
        .params(campaignId, module)
        .update();
  }

  /**
   * Artifacts of the tenant's other campaigns whose name, campaign name or content contains the
   * query (case-insensitive), newest first.
   */
  public List<Artifact> search(String tenant, String excludedCampaignId, String query, int limit) {
    String pattern = "%" + query.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM campaign_artifacts WHERE tenant = ? AND campaign_id <> ? AND "
                + "(LOWER(name) LIKE ? OR LOWER(campaign_name) LIKE ? OR LOWER(content) LIKE ?) "
                + "ORDER BY recorded_at DESC, campaign_id, module, name LIMIT ?")
        .params(tenant, excludedCampaignId, pattern, pattern, pattern, limit)
        .query(CampaignArtifacts::artifact)
        .list();
  }

  /**
   * The artifacts of the tenant's campaigns of this name after ({@code afterModule}, {@code
   * afterName}) in (module, name) order; start with "" and "". When several campaigns share the
   * name, each module and artifact name is read once, from the most recently recorded artifact:
   * they share one memory key.
   */
  public List<Artifact> page(
      String tenant, String campaignName, String afterModule, String afterName, int limit) {
    return jdbc.sql(
            "SELECT a.campaign_id, a.tenant, a.campaign_name, a.module, a.name, a.content, a.recorded_at"
                + " FROM campaign_artifacts a"
                + " WHERE a.tenant = ? AND a.campaign_name = ? AND (a.module > ? OR (a.module = ? AND a.name > ?))"
                + " AND NOT EXISTS (SELECT 1 FROM campaign_artifacts b WHERE b.tenant = a.tenant"
                + " AND b.campaign_name = a.campaign_name AND b.module = a.module AND b.name = a.name"
                + " AND (b.recorded_at > a.recorded_at"
                + " OR (b.recorded_at = a.recorded_at AND b.campaign_id > a.campaign_id)))"
                + " ORDER BY a.module, a.name LIMIT ?")
        .params(tenant, campaignName, afterModule, afterModule, afterName, limit)
        .query(CampaignArtifacts::artifact)
        .list();
  }

  /** Module and name of an artifact, as the campaign's memory summary lists them. */
  public record Listed(String module, String name) {}

  /**
   * Module and name of every artifact of the campaign, up to {@code limit}, and how many there are
   * in all.
   */
  public record Index(List<Listed> listed, long total) {}

  public Index index(String tenant, String campaignName, int limit) {
    long total =
        jdbc.sql(
                "SELECT COUNT(*) FROM (SELECT DISTINCT module, name FROM campaign_artifacts"
                    + " WHERE tenant = ? AND campaign_name = ?) d")
            .params(tenant, campaignName)
            .query(Long.class)
            .single();
    List<Listed> listed =
        jdbc.sql(
                "SELECT DISTINCT module, name FROM campaign_artifacts WHERE tenant = ? AND campaign_name = ?"
                    + " ORDER BY module, name LIMIT ?")
            .params(tenant, campaignName, limit)
            .query((rs, row) -> new Listed(rs.getString("module"), rs.getString("name")))
            .list();
    return new Index(listed, total);
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
