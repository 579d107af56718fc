package io.soma.hub.functions.wizards;

import io.soma.hub.functions.errors.InvalidInputException;
import java.util.Map;

/** The body of {@code POST /v1/wizards/start}. Every rule is checked here, so an invalid body starts nothing. */
public record StartWizardBody(String wizardId, Map<String, String> metadata) {

  static final int MAX_WIZARD_ID_CHARS = 100;
  static final int MAX_METADATA_KEYS = 32;
  static final int MAX_METADATA_KEY_CHARS = 64;
  static final int MAX_METADATA_VALUE_CHARS = 1_024;

  public StartWizardBody {
    if (wizardId == null) {
      throw new InvalidInputException("wizard_id", "is required");
    }
    if (wizardId.isBlank() || wizardId.length() > MAX_WIZARD_ID_CHARS) {
      throw new InvalidInputException("wizard_id", "must be 1 to " + MAX_WIZARD_ID_CHARS + " characters");
    }
    metadata = metadata == null ? Map.of() : metadata;
    if (metadata.size() > MAX_METADATA_KEYS) {
      throw new InvalidInputException(
          "metadata", "may have at most " + MAX_METADATA_KEYS + " keys (got " + metadata.size() + ")");
    }
    metadata.forEach(StartWizardBody::checkMetadataEntry);
    metadata = Map.copyOf(metadata);
  }

  private static void checkMetadataEntry(String key, String value) {
    if (key.isEmpty() || key.length() > MAX_METADATA_KEY_CHARS) {
      throw new InvalidInputException("metadata", "keys must be 1 to " + MAX_METADATA_KEY_CHARS + " characters");
    }
    if (value == null) {
      throw new InvalidInputException("metadata." + key, "must be a string, not null");
    }
    if (value.length() > MAX_METADATA_VALUE_CHARS) {
      throw new InvalidInputException("metadata." + key, "must be at most " + MAX_METADATA_VALUE_CHARS + " characters");
    }
  }
}
