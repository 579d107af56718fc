package io.soma.hub.orchestration.callback;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body the hub POSTs to a session's {@code callback_url} when the session ends: {@code type} is
 * the hub event's ({@code session.completed}, {@code session.failed}, {@code session.cancelled}),
 * {@code status} the session's as {@code GET /v1/sessions/{id}} shows it. Fields that do not apply
 * to the ending are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionCallback(
    String type,
    @JsonProperty("session_id") String sessionId,
    String status,
    String reply,
    String model,
    String provider,
    String reason,
    String step) {

  public static SessionCallback completed(
      String sessionId, String reply, String model, String provider) {
    return new SessionCallback(
        "session.completed", sessionId, "COMPLETED", reply, model, provider, null, null);
  }

  public static SessionCallback failed(String sessionId, String reason) {
    return new SessionCallback(
        "session.failed", sessionId, "FAILED", null, null, null, reason, null);
  }

  public static SessionCallback cancelled(String sessionId, String step) {
    return new SessionCallback(
        "session.cancelled", sessionId, "CANCELLED", null, null, null, null, step);
  }
}
