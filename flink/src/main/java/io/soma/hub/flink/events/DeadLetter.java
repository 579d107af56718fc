package io.soma.hub.flink.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A record the job could not use, with the reason: what the dead-letter topic holds, one JSON
 * object each.
 */
public record DeadLetter(String reason, String record) {

  public String toJson() {
    ObjectNode node = Json.object();
    node.put("reason", reason);
    node.put("record", record);
    return Json.write(node);
  }
}
