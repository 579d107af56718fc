package io.soma.hub.orchestration.tools;

import java.util.Map;

/**
 * One call of a tool action ({@code tool.operation}, e.g. {@code slack.send_message}) on behalf of
 * a campaign.
 *
 * @param requestId deterministic (campaign, module, task), so a retry is recognised and sent as the
 *     same request
 */
public record ToolCall(
    String requestId, String tenant, String campaignId, String action, Map<String, Object> params) {

  public ToolCall {
    params = params == null ? Map.of() : params;
  }

  /** The part of the action before the first dot. */
  public String tool() {
    int dot = action.indexOf('.');
    return dot < 0 ? action : action.substring(0, dot);
  }
}
