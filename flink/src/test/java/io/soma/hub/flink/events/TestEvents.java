package io.soma.hub.flink.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Hub CloudEvents as their producers write them, for the tests. */
public final class TestEvents {

  public static final String DAY = "2026-11-25T";

  private TestEvents() {}

  /** A well-formed event; {@code time} is RFC 3339, e.g. {@code 2026-11-25T10:00:01Z}. */
  public static String event(String id, String tenant, String type, String time) {
    return Json.write(node(id, tenant, type, time));
  }

  /** The same, at {@code hh:mm:ss[.fff]} of the test day, in UTC. */
  public static String at(String id, String tenant, String type, String clock) {
    return event(id, tenant, type, DAY + clock + "Z");
  }

  public static ObjectNode node(String id, String tenant, String type, String time) {
    ObjectNode event = Json.object();
    event.put("specversion", "1.0");
    event.put("id", id);
    event.put("source", "/hub/functions/sessions");
    event.put("type", type);
    event.put("time", time);
    event.put("datacontenttype", "application/json");
    ObjectNode data = event.putObject("data");
    data.put("tenant", tenant);
    data.put("session_id", "s-" + id);
    return event;
  }
}
