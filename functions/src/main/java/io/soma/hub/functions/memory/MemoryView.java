package io.soma.hub.functions.memory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.soma.hub.functions.http.GatewayJson;
import io.soma.hub.store.memory.MemoryEntry;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A remembered entry on the wire: {@code {key, value, metadata, updated_at}}. {@code created} tells
 * the route whether a remember created the entry (201) or replaced it (200).
 */
public record MemoryView(
    String key,
    JsonNode value,
    Map<String, String> metadata,
    String updatedAt,
    @JsonIgnore boolean created) {

  static MemoryView of(MemoryEntry entry, boolean created) {
    return new MemoryView(
        entry.key(),
        GatewayJson.MAPPER.readTree(entry.valueJson()),
        entry.metadata(),
        entry.updatedAt() == null ? null : entry.updatedAt().toString(),
        created);
  }
}
