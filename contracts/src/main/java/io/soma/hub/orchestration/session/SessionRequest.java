package io.soma.hub.orchestration.session;

import java.util.List;
import java.util.Map;

/**
 * What the gateway hands the session workflow. Tenant, subject and capabilities come from the caller's verified
 * token, never from the request body.
 */
public record SessionRequest(
    String sessionId,
    String tenant,
    String subject,
    List<String> capabilities,
    String prompt,
    String capsuleId,
    Map<String, String> metadata) {

  public SessionRequest {
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
