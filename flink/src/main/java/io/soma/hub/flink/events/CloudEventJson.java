package io.soma.hub.flink.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A parsed event written back as a structured CloudEvent that {@link CloudEventParser} reads again:
 * the envelope and {@code data.tenant}, the rest of the original {@code data} having been dropped
 * at parse time.
 */
public final class CloudEventJson {

  private CloudEventJson() {}

  public static String write(CloudEvent event) {
    ObjectNode node = Json.object();
    node.put("specversion", "1.0");
    node.put("id", event.id());
    node.put("source", event.source());
    node.put("type", event.type());
    node.put("time", Instant.ofEpochMilli(event.timeMillis()).toString());
    node.putObject("data").put("tenant", event.tenant());
    return Json.write(node);
  }
}
