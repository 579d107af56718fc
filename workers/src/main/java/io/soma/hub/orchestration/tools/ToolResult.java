package io.soma.hub.orchestration.tools;

import java.util.Map;

/** What a tool answered, or in dry-run mode a description of what would have been sent. */
public record ToolResult(
    String requestId, String action, boolean dryRun, Map<String, Object> response) {

  public Object get(String key) {
    return response.get(key);
  }

  public String text(String key) {
    Object value = response.get(key);
    return value == null ? null : String.valueOf(value);
  }
}
