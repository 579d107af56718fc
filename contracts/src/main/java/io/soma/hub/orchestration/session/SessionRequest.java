package io.soma.hub.orchestration.session;

import java.util.List;
import java.util.Map;

/**
 * What the gateway hands the session workflow. Tenant, subject and capabilities come from the
 * caller's verified token, never from the request body. {@code callbackUrl} is null unless the
 * caller asked to be called back (absent from the payloads of sessions started before callbacks, so
 * it reads as null there too).
 */
public record SessionRequest(
    String sessionId,
    String tenant,
    String subject,
    List<String> capabilities,
    String prompt,
    String capsuleId,
    Map<String, String> metadata,
    String callbackUrl,
    String mode) {

  /**
   * A session that answers its prompt and ends: the default, and every session before
   * conversations.
   */
  public static final String ONE_SHOT = "one_shot";

  /**
   * A session that stays open after each reply for the next user message, until closed, idle or
   * cancelled.
   */
  public static final String CONVERSATION = "conversation";

  /** A session without callback. */
  public SessionRequest(
      String sessionId,
      String tenant,
      String subject,
      List<String> capabilities,
      String prompt,
      String capsuleId,
      Map<String, String> metadata) {
    this(sessionId, tenant, subject, capabilities, prompt, capsuleId, metadata, null, null);
  }

  /**
   * Whether the session is a conversation; null (sessions started before conversations) is
   * one-shot.
   */
  public boolean conversation() {
    return CONVERSATION.equals(mode);
  }

  public SessionRequest {
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
