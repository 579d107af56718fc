package io.soma.hub.store.memory;

import java.time.Instant;
import java.util.Map;

/**
 * A remembered entry of one tenant.
 *
 * @param valueJson the remembered value as JSON text (any JSON value but null)
 * @param campaign the campaign the entry is tagged with (its {@code campaign} metadata), or null
 */
public record MemoryEntry(
    String key,
    String valueJson,
    Map<String, String> metadata,
    String campaign,
    Instant updatedAt) {

  public MemoryEntry {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /**
   * The metadata entry that tags an entry with a campaign; the memory refresh re-indexes what it
   * tags.
   */
  public static final String CAMPAIGN_METADATA = "campaign";
}
