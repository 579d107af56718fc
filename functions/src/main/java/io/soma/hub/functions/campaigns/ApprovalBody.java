package io.soma.hub.functions.campaigns;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.http.Characters;

/**
 * The body of {@code POST /v1/campaigns/{id}/approval}: approve or reject, with an optional
 * comment.
 */
public record ApprovalBody(Boolean approved, String comment) {

  static final int MAX_COMMENT_CHARS = 2_000;

  public ApprovalBody {
    if (approved == null) {
      throw new InvalidInputException("approved", "is required (true or false)");
    }
    if (comment != null && Characters.count(comment) > MAX_COMMENT_CHARS) {
      throw new InvalidInputException(
          "comment", "must be at most " + MAX_COMMENT_CHARS + " characters");
    }
  }
}
