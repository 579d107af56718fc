package io.soma.hub.flink.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soma.hub.flink.events.Json;
import java.time.Instant;

/**
 * How many distinct events of one tenant and type had their event time in {@code [windowStart,
 * windowEnd)}: one record of {@code soma.events.per-minute}.
 */
public record WindowCount(
    String tenant, String type, long windowStart, long windowEnd, long count) {

  public String toJson() {
    ObjectNode node = Json.object();
    node.put("tenant", tenant);
    node.put("type", type);
    node.put("window_start", Instant.ofEpochMilli(windowStart).toString());
    node.put("window_end", Instant.ofEpochMilli(windowEnd).toString());
    node.put("count", count);
    return Json.write(node);
  }
}
