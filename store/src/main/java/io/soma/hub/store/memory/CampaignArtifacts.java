package io.soma.hub.store.memory;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads what campaigns produced ({@code campaign_artifacts}, written by the campaign workflow) for the memory
 * refresh, one page at a time. When several campaigns of a tenant share a name, each module and artifact name is
 * read once, from the most recently recorded artifact: they share one memory key.
 */
public class CampaignArtifacts {

  public record Artifact(String campaignId, String module, String name, String content) {}

  private final JdbcClient jdbc;

  public CampaignArtifacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The artifacts after ({@code afterModule}, {@code afterName}) in (module, name) order; start with "" and "". */
  public List<Artifact> page(String tenant, String campaignName, String afterModule, String afterName, int limit) {
    return jdbc.sql(
            "SELECT a.campaign_id, a.module, a.name, a.content FROM campaign_artifacts a"
                + " WHERE a.tenant = ? AND a.campaign_name = ? AND (a.module > ? OR (a.module = ? AND a.name > ?))"
                + " AND NOT EXISTS (SELECT 1 FROM campaign_artifacts b WHERE b.tenant = a.tenant"
                + " AND b.campaign_name = a.campaign_name AND b.module = a.module AND b.name = a.name"
                + " AND (b.recorded_at > a.recorded_at"
                + " OR (b.recorded_at = a.recorded_at AND b.campaign_id > a.campaign_id)))"
                + " ORDER BY a.module, a.name LIMIT ?")
        .params(tenant, campaignName, afterModule, afterModule, afterName, limit)
        .query(
            (rs, row) ->
                new Artifact(rs.getString("campaign_id"), rs.getString("module"), rs.getString("name"),
                    rs.getString("content")))
        .list();
  }

  /** Module and name of every artifact of the campaign, up to {@code limit}, and how many there are in all. */
  public record Index(List<Artifact> listed, long total) {}

  public Index index(String tenant, String campaignName, int limit) {
    long total =
        jdbc.sql(
                "SELECT COUNT(*) FROM (SELECT DISTINCT module, name FROM campaign_artifacts"
                    + " WHERE tenant = ? AND campaign_name = ?) d")
            .params(tenant, campaignName)
            .query(Long.class)
            .single();
    List<Artifact> listed =
        jdbc.sql(
                "SELECT DISTINCT module, name FROM campaign_artifacts WHERE tenant = ? AND campaign_name = ?"
                    + " ORDER BY module, name LIMIT ?")
            .params(tenant, campaignName, limit)
            .query((rs, row) -> new Artifact(null, rs.getString("module"), rs.getString("name"), null))
            .list();
    return new Index(listed, total);
  }
}
