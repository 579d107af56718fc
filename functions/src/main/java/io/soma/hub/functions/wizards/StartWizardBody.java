package io.soma.hub.functions.wizards;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.http.Characters;
import io.soma.hub.functions.http.StringMetadata;
import java.util.Map;

/**
 * The body of {@code POST /v1/wizards/start}. Every rule is checked here, so an invalid body starts
 * nothing.
 */
public record StartWizardBody(String wizardId, Map<String, String> metadata) {

  static final int MAX_WIZARD_ID_CHARS = 100;

  public StartWizardBody {
    if (wizardId == null) {
      throw new InvalidInputException("wizard_id", "is required");
    }
    if (!Characters.nonBlankWithin(wizardId, MAX_WIZARD_ID_CHARS)) {
      throw new InvalidInputException(
          "wizard_id", "must be 1 to " + MAX_WIZARD_ID_CHARS + " characters and not blank");
    }
    metadata = StringMetadata.check(metadata);
  }
}
