package io.soma.hub.orchestration.campaign;

import java.util.Map;

/** What a compensation needs: the campaign, the module to undo and what that module produced. */
public record CompensationInput(
    String campaignId,
    String tenant,
    String campaignName,
    String module,
    Map<String, Object> outputs,
    String reason) {

  public CompensationInput {
    outputs = outputs == null ? Map.of() : outputs;
  }

  public String requestId() {
    return campaignId + ":compensate:" + module;
  }
}
