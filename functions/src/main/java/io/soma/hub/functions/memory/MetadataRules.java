package io.soma.hub.functions.memory;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.http.Characters;
import io.soma.hub.functions.http.StringMetadata;
import io.soma.hub.store.memory.MemoryEntry;
import java.util.Map;

/**
 * The rules of a memory entry's metadata: those of every metadata field, and a campaign tag that
 * fits a name.
 */
final class MetadataRules {

  /** The campaign tag must fit a campaign name (and so the memory refresh's request). */
  static final int MAX_CAMPAIGN_CHARS = 200;

  private MetadataRules() {}

  static Map<String, String> check(Map<String, String> metadata) {
    Map<String, String> checked = StringMetadata.check(metadata);
    String campaign = checked.get(MemoryEntry.CAMPAIGN_METADATA);
    if (campaign != null && !Characters.nonBlankWithin(campaign, MAX_CAMPAIGN_CHARS)) {
      throw new InvalidInputException(
          "metadata." + MemoryEntry.CAMPAIGN_METADATA,
          "must be 1 to " + MAX_CAMPAIGN_CHARS + " characters and not blank");
    }
    return checked;
  }
}
