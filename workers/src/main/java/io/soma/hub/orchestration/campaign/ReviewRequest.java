package io.soma.hub.orchestration.campaign;

import io.soma.hub.orchestration.tools.ToolCall;
import io.soma.hub.orchestration.tools.ToolInvoker;
import io.soma.hub.orchestration.tools.ToolResult;
import io.soma.hub.store.campaign.CampaignArtifacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * review_approval's tasks: a pull request with the content for review, and a Slack message pointing
 * at it.
 */
final class ReviewRequest {

  static final String PULL_REQUEST = "github.create_pull_request";
  static final String MESSAGE = "slack.send_message";

  private final ToolInvoker tools;
  private final CampaignArtifacts artifacts;

  ReviewRequest(ToolInvoker tools, CampaignArtifacts artifacts) {
    this.tools = tools;
    this.artifacts = artifacts;
  }

  Map<String, Object> run(ModuleInput input) {
    Map<String, String> pieces = ContentCreation.piecesOf(input.outputsOf(CampaignModules.CONTENT));
    Map<String, Object> prParams = new LinkedHashMap<>(paramsOf(input, PULL_REQUEST));
    prParams.putIfAbsent("repo", "marketing-content");
    prParams.putIfAbsent("title", "Campaign: " + input.campaignName());
    prParams.putIfAbsent(
        "head", prParams.getOrDefault("branch", "campaign/" + slug(input.campaignName())));
    prParams.putIfAbsent("base", "main");
    prParams.put("body", pullRequestBody(input, pieces));
    ToolResult pr =
        tools.invoke(
            new ToolCall(
                input.requestId("pull-request"),
                input.tenant(),
                input.campaignId(),
                PULL_REQUEST,
                prParams));
    String prUrl = pr.text("html_url");

    Map<String, Object> slackParams = new LinkedHashMap<>(paramsOf(input, MESSAGE));
    slackParams.putIfAbsent("channel", "#marketing-approvals");
    String text =
        "Campaign \""
            + input.campaignName()
            + "\" is ready for review"
            + (prUrl == null ? "." : ": " + prUrl);
    slackParams.put("text", text);
    if (prUrl != null) {
      slackParams.put(
          "blocks",
          List.of(
              Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text)),
              Map.of(
                  "type",
                  "actions",
                  "elements",
                  List.of(
                      Map.of(
                          "type",
                          "button",
                          "text",
                          Map.of("type", "plain_text", "text", "Open the pull request"),
                          "url",
                          prUrl)))));
    }
    ToolResult message =
        tools.invoke(
            new ToolCall(
                input.requestId("message"),
                input.tenant(),
                input.campaignId(),
                MESSAGE,
                slackParams));

    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("github_pr_url", prUrl);
    outputs.put("github_pr_number", pr.get("number"));
    outputs.put("github_repo", prParams.get("repo"));
    outputs.put("pull_request_dry_run", pr.dryRun());
    outputs.put("slack_channel", slackParams.get("channel"));
    outputs.put("slack_dry_run", message.dryRun());
    artifacts.record(
        input.campaignId(),
        input.tenant(),
        input.campaignName(),
        input.module().id(),
        "review_request",
        CampaignJson.write(outputs));
    return outputs;
  }

  private static Map<String, Object> paramsOf(ModuleInput input, String action) {
    return input.module().tasks().stream()
        .filter(task -> action.equals(task.action()))
        .findFirst()
        .map(PlanTask::params)
        .orElse(Map.of());
  }

  private static String pullRequestBody(ModuleInput input, Map<String, String> pieces) {
    StringBuilder body =
        new StringBuilder("## Campaign: ").append(input.campaignName()).append("\n\n");
    pieces.forEach(
        (id, piece) -> body.append("### ").append(id).append("\n\n").append(piece).append("\n\n"));
    body.append("### Channels\n\n").append(String.join(", ", input.channels())).append("\n\n");
    body.append("Approve or reject with POST /v1/campaigns/")
        .append(input.campaignId())
        .append("/approval\n");
    return body.toString();
  }

  static String slug(String name) {
    String slug =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return slug.isEmpty() ? "campaign" : slug;
  }
}
