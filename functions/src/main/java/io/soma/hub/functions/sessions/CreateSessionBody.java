package io.soma.hub.functions.sessions;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.http.Characters;
import io.soma.hub.functions.http.StringMetadata;
import io.soma.hub.orchestration.callback.CallbackDestinations;
import io.soma.hub.orchestration.session.SessionRequest;
import java.util.Map;

/**
 * The body of {@code POST /v1/sessions}. Every rule is checked here, so an invalid body never
 * starts anything.
 */
public record CreateSessionBody(
    String prompt,
    String capsuleId,
    Map<String, String> metadata,
    String callbackUrl,
    String mode) {

  static final int MAX_PROMPT_CHARS = 16_000;
  static final int MAX_CAPSULE_ID_CHARS = 200;

  public CreateSessionBody {
    checkPrompt(prompt);
    if (capsuleId != null && !Characters.nonBlankWithin(capsuleId, MAX_CAPSULE_ID_CHARS)) {
      throw new InvalidInputException(
          "capsule_id", "must be 1 to " + MAX_CAPSULE_ID_CHARS + " characters and not blank");
    }
    metadata = StringMetadata.check(metadata);
    if (callbackUrl != null
        && (callbackUrl.isEmpty()
            || Characters.count(callbackUrl) > CallbackDestinations.MAX_URL_CHARS)) {
      throw new InvalidInputException(
          "callback_url", "must be 1 to " + CallbackDestinations.MAX_URL_CHARS + " characters");
    }
    // Whether the hub may call it depends on the hub's mode: CreateSession checks that
    // (CallbackDestinations).
    if (mode != null
        && !SessionRequest.ONE_SHOT.equals(mode)
        && !SessionRequest.CONVERSATION.equals(mode)) {
      throw new InvalidInputException(
          "mode", "must be " + SessionRequest.ONE_SHOT + " or " + SessionRequest.CONVERSATION);
    }
  }

  public CreateSessionBody(
      String prompt, String capsuleId, Map<String, String> metadata, String callbackUrl) {
    this(prompt, capsuleId, metadata, callbackUrl, null);
  }

  public CreateSessionBody(String prompt, String capsuleId, Map<String, String> metadata) {
    this(prompt, capsuleId, metadata, null, null);
  }

  /**
   * A session's prompt: required, 1 to {@value #MAX_PROMPT_CHARS} characters, not blank. Also the
   * rule for anything that will start sessions with a prompt (a schedule).
   */
  public static void checkPrompt(String prompt) {
    if (prompt == null) {
      throw new InvalidInputException("prompt", "is required");
    }
    if (!Characters.nonBlankWithin(prompt, MAX_PROMPT_CHARS)) {
      throw new InvalidInputException(
          "prompt",
          "must be 1 to "
              + MAX_PROMPT_CHARS
              + " characters and not blank (got "
              + Characters.count(prompt)
              + ")");
    }
  }
}
