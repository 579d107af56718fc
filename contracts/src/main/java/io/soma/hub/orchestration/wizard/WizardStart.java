package io.soma.hub.orchestration.wizard;

import java.util.Map;

/**
 * What starts a wizard session. Tenant and subject come from the verified token of whoever started
 * it.
 *
 * @param idleTimeoutSeconds how long the session waits for its next answer or its approval before
 *     it expires
 */
public record WizardStart(
    String sessionId,
    String wizardId,
    String tenant,
    String subject,
    Map<String, String> metadata,
    long idleTimeoutSeconds) {

  public WizardStart {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
