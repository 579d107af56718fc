package io.soma.hub.functions.wizards;

import io.soma.hub.functions.errors.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/wizards/{id}/answer}: {@code {"value": ...}}. A JSON null is an answer (it skips an
 * optional question); a missing {@code value} is not.
 */
public record AnswerBody(JsonNode value) {

  public AnswerBody {
    if (value == null || value.isMissingNode()) {
      throw new InvalidInputException("value", "is required (send null to skip an optional question)");
    }
  }
}
