package io.soma.hub.functions.memory;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.http.Characters;

/**
 * The body of {@code POST /v1/memory/refresh}: the campaign's name (1 to 200 characters) and {@code
 * force}.
 */
public record RefreshBody(String campaign, Boolean force) {

  static final int MAX_CAMPAIGN_CHARS = 200;

  public RefreshBody {
    if (campaign == null) {
      throw new InvalidInputException("campaign", "is required");
    }
    if (!Characters.nonBlankWithin(campaign, MAX_CAMPAIGN_CHARS)) {
      throw new InvalidInputException(
          "campaign",
          "must be 1 to "
              + MAX_CAMPAIGN_CHARS
              + " characters and not blank (got "
              + Characters.count(campaign)
              + ")");
    }
    force = force != null && force;
  }
}
