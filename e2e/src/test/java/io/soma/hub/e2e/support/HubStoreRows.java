package io.soma.hub.e2e.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads the hub store's tables on PostgreSQL straight through JDBC, as an operator would, to check
 * what the processes recorded.
 */
public final class HubStoreRows {

  public record AuditEvent(
      String eventId, String tenant, String subject, String kind, String payload) {}

  public record Completion(
      String sessionId, String tenant, String model, String provider, String reply) {}

  private interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private final String jdbcUrl;
  private final Properties connectionProperties;

  /** Connected as the hub is: its user, and over TLS when the server has TLS. */
  public HubStoreRows(PostgresServer postgres) {
    this.jdbcUrl = postgres.jdbcUrl();
    this.connectionProperties = postgres.hubConnectionProperties();
  }

  /** The store of a hub running elsewhere (the local cluster's PostgreSQL). */
  public HubStoreRows(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.connectionProperties = new Properties();
    connectionProperties.setProperty("user", user);
    connectionProperties.setProperty("password", password);
  }

  /**
   * The audit events about the session, found by the session id in their payload, not by their
   * event id.
   */
  public List<AuditEvent> auditEventsOf(String sessionId) {
    return query(
        "SELECT event_id, tenant, subject, kind, payload FROM audit_events "
            + "WHERE payload::jsonb ->> 'session_id' = ? ORDER BY event_id",
        sessionId,
        row ->
            new AuditEvent(
                row.getString("event_id"),
                row.getString("tenant"),
                row.getString("subject"),
                row.getString("kind"),
                row.getString("payload")));
  }

  public List<Completion> completionsOf(String sessionId) {
    return query(
        "SELECT session_id, tenant, model, provider, reply FROM session_completions WHERE session_id = ?",
        sessionId,
        row ->
            new Completion(
                row.getString("session_id"),
                row.getString("tenant"),
                row.getString("model"),
                row.getString("provider"),
                row.getString("reply")));
  }

  /**
   * The campaign_analytics rows of a campaign: one once its analytics_tracking ran, whatever the
   * retries.
   */
  public List<String> analyticsRowsOf(String campaignId) {
    return query(
        "SELECT campaign_name FROM campaign_analytics WHERE campaign_id = ?",
        campaignId,
        row -> row.getString("campaign_name"));
  }

  private <T> List<T> query(String sql, String parameter, RowReader<T> reader) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, connectionProperties);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      List<T> rows = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          rows.add(reader.read(row));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the hub store: " + sql, e);
    }
  }
}
