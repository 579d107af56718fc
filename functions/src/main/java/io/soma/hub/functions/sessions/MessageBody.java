package io.soma.hub.functions.sessions;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.http.Characters;

/**
 * The body of {@code POST /v1/sessions/{id}/messages}: the user's turn, with the prompt's rules.
 */
public record MessageBody(String content) {

  public MessageBody {
    if (content == null) {
      throw new InvalidInputException("content", "is required");
    }
    if (!Characters.nonBlankWithin(content, CreateSessionBody.MAX_PROMPT_CHARS)) {
      throw new InvalidInputException(
          "content",
          "must be 1 to "
              + CreateSessionBody.MAX_PROMPT_CHARS
              + " characters and not blank (got "
              + Characters.count(content)
              + ")");
    }
  }
}
