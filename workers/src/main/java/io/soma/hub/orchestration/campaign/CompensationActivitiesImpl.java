package io.soma.hub.orchestration.campaign;

import io.soma.hub.orchestration.tools.ToolCall;
import io.soma.hub.orchestration.tools.ToolInvoker;
import io.soma.hub.orchestration.tools.ToolResult;
import io.soma.hub.store.campaign.CampaignArtifacts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes completed modules: a compensating tool request (recorded like any other, dry-run without a
 * URL; its deterministic id makes a retried compensation one request) and, except for analytics,
 * the removal of the module's artifacts, so the memory refresh does not index what was rolled back.
 * Stateless and thread-safe.
 */
public class CompensationActivitiesImpl implements CompensationActivities {

  private static final Logger log = LoggerFactory.getLogger(CompensationActivitiesImpl.class);

  private final ToolInvoker tools;
  private final CampaignArtifacts artifacts;

  public CompensationActivitiesImpl(ToolInvoker tools, CampaignArtifacts artifacts) {
    this.tools = tools;
    this.artifacts = artifacts;
  }

  @Override
  public Map<String, Object> undoTasks(CompensationInput input) {
    return undo(
        input,
        "campaign.revert_module",
        Map.of("tasks", input.outputs().getOrDefault("tasks_run", 0)),
        true);
  }

  @Override
  public Map<String, Object> deleteContentDrafts(CompensationInput input) {
    return undo(input, "content.delete_drafts", Map.of(), true);
  }

  @Override
  public Map<String, Object> deleteDesignAssets(CompensationInput input) {
    return undo(
        input,
        "figma.delete_assets",
        Map.of("assets", input.outputs().getOrDefault("assets", java.util.List.of())),
        true);
  }

  @Override
  public Map<String, Object> closeReview(CompensationInput input) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("repo", input.outputs().get("github_repo"));
    params.put("pull_number", input.outputs().get("github_pr_number"));
    params.put("pull_request_url", input.outputs().get("github_pr_url"));
    return undo(input, "github.close_pull_request", params, true);
  }

  @Override
  public Map<String, Object> retractDistribution(CompensationInput input) {
    return undo(
        input,
        "distribution.retract",
        Map.of("channels", input.outputs().getOrDefault("published_channels", java.util.List.of())),
        true);
  }

  @Override
  public Map<String, Object> archiveAnalytics(CompensationInput input) {
    return undo(input, "analytics.archive_dashboard", Map.of(), false);
  }

  private Map<String, Object> undo(
      CompensationInput input, String action, Map<String, Object> extra, boolean deleteArtifacts) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("module", input.module());
    params.put("reason", input.reason());
    params.putAll(extra);
    ToolResult result =
        tools.invoke(
            new ToolCall(input.requestId(), input.tenant(), input.campaignId(), action, params));
    int removed = deleteArtifacts ? artifacts.deleteModule(input.campaignId(), input.module()) : 0;
    log.info(
        "Campaign {}: compensated {} ({}, {} artifact(s) removed) because {}",
        input.campaignId(),
        input.module(),
        action,
        removed,
        input.reason());
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("module", input.module());
    outputs.put("action", action);
    outputs.put("dry_run", result.dryRun());
    outputs.put("artifacts_removed", removed);
    return outputs;
  }
}
