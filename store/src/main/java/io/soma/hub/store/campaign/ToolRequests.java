package io.soma.hub.store.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every tool request a campaign made or, in dry-run mode, would have made, keyed by its
 * deterministic request id. A request whose response is recorded is done: a retried activity reuses
 * the response instead of calling again.
 */
public class ToolRequests {

  public record Recorded(
      String requestId,
      String tenant,
      String campaignId,
      String tool,
      String action,
      boolean dryRun,
      String request,
      String response,
      Instant recordedAt) {

    public boolean answered() {
      return response != null;
    }
  }

  private static final String COLUMNS =
      "request_id, tenant, campaign_id, tool, action, dry_run, request, response, recorded_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  public ToolRequests(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records the request unless it is already recorded (a retry sends the same request again). */
  public boolean recordRequest(
      String requestId,
      String tenant,
      String campaignId,
      String tool,
      String action,
      boolean dryRun,
      String request) {
    return InsertIfAbsent.insert(
        jdbc.sql(
                "INSERT INTO tool_requests (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)")
            .params(
                requestId,
                tenant,
                campaignId,
                tool,
                action,
                dryRun,
                request,
                OffsetDateTime.now(clock)));
  }

  public void recordResponse(String requestId, String response) {
    jdbc.sql("UPDATE tool_requests SET response = ? WHERE request_id = ?")
        .params(response, requestId)
        .update();
  }

  public Optional<Recorded> find(String requestId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM tool_requests WHERE request_id = ?")
        .param(requestId)
        .query(ToolRequests::recorded)
        .optional();
  }

  /** A campaign's requests in the order they were first made. */
  public List<Recorded> ofCampaign(String campaignId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM tool_requests WHERE campaign_id = ? ORDER BY recorded_at, request_id")
        .param(campaignId)
        .query(ToolRequests::recorded)
        .list();
  }

  private static Recorded recorded(ResultSet rs, int row) throws SQLException {
    return new Recorded(
        rs.getString("request_id"),
        rs.getString("tenant"),
        rs.getString("campaign_id"),
        rs.getString("tool"),
        rs.getString("action"),
        rs.getBoolean("dry_run"),
        rs.getString("request"),
        rs.getString("response"),
        rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
  }
}
