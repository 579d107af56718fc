package io.soma.hub.functions.wizards;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.http.Characters;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/wizards/{id}/answer}: {@code {"value": ..., "question_id"?: ...}}. A
 * JSON null is an answer (it skips an optional question); a missing {@code value} is not. {@code
 * question_id} (the {@code question.id} the client was shown) makes the answer count only for that
 * question.
 */
public record AnswerBody(JsonNode value, String questionId) {

  static final int MAX_QUESTION_ID_CHARS = 100;

  public AnswerBody {
    if (value == null || value.isMissingNode()) {
      throw new InvalidInputException(
          "value", "is required (send null to skip an optional question)");
    }
    if (questionId != null && !Characters.nonBlankWithin(questionId, MAX_QUESTION_ID_CHARS)) {
      throw new InvalidInputException(
          "question_id",
          "must be 1 to " + MAX_QUESTION_ID_CHARS + " characters and not blank when given");
    }
  }
}
