package io.soma.hub.orchestration.session;

import java.util.List;
import java.util.Map;

/**
 * What the gateway hands the session workflow. Tenant, subject and capabilities come from the caller's verified
 * token, never from the request body. {@code callbackUrl} is null unless the caller asked to be called back (absent
 * from the payloads of sessions started before callbacks, so it reads as null there too).
 */
public record SessionRequest(
    String sessionId,
    String tenant,
    String subject,
    List<String> capabilities,
    String prompt,
    String capsuleId,
    Map<String, String> metadata,
    String callbackUrl) {

  /** A session without callback. */
  public SessionRequest(
      String sessionId,
      String tenant,
      String subject,
      List<String> capabilities,
      String prompt,
      String capsuleId,
      Map<String, String> metadata) {
    this(sessionId, tenant, subject, capabilities, prompt, capsuleId, metadata, null);
  }

  public SessionRequest {
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
