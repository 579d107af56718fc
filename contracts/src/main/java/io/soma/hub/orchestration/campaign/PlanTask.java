package io.soma.hub.orchestration.campaign;

import java.util.Map;

/**
 * One task of a module. {@code action} is {@code tool.operation} (for example {@code
 * slack.send_message}) or a built-in step such as {@code chat_completions}.
 */
public record PlanTask(String action, String description, Map<String, Object> params) {

  public PlanTask {
    params = params == null ? Map.of() : params;
  }
}
