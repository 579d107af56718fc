package io.soma.hub.functions.memory;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.store.memory.MemoryEntry;
import java.util.Map;

/** The rules of a memory entry's metadata: a string map of at most 32 keys, as for sessions. */
final class MetadataRules {

  static final int MAX_KEYS = 32;
  static final int MAX_KEY_CHARS = 64;
  static final int MAX_VALUE_CHARS = 1_024;

  /** The campaign tag must fit a campaign name (and so the memory refresh's request). */
  static final int MAX_CAMPAIGN_CHARS = 200;

  private MetadataRules() {}

  static Map<String, String> check(Map<String, String> metadata) {
    if (metadata == null) {
      return Map.of();
    }
    if (metadata.size() > MAX_KEYS) {
      throw new InvalidInputException(
          "metadata", "may have at most " + MAX_KEYS + " keys (got " + metadata.size() + ")");
    }
    metadata.forEach(
        (key, value) -> {
          if (key.isEmpty() || key.length() > MAX_KEY_CHARS) {
            throw new InvalidInputException("metadata", "keys must be 1 to " + MAX_KEY_CHARS + " characters");
          }
          if (value == null) {
            throw new InvalidInputException("metadata." + key, "must be a string, not null");
          }
          if (value.length() > MAX_VALUE_CHARS) {
            throw new InvalidInputException("metadata." + key, "must be at most " + MAX_VALUE_CHARS + " characters");
          }
        });
    String campaign = metadata.get(MemoryEntry.CAMPAIGN_METADATA);
    if (campaign != null && (campaign.isBlank() || campaign.length() > MAX_CAMPAIGN_CHARS)) {
      throw new InvalidInputException(
          "metadata." + MemoryEntry.CAMPAIGN_METADATA, "must be 1 to " + MAX_CAMPAIGN_CHARS + " characters");
    }
    return Map.copyOf(metadata);
  }
}
