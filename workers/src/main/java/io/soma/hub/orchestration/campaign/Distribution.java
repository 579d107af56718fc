package io.soma.hub.orchestration.campaign;

import io.soma.hub.orchestration.tools.ToolCall;
import io.soma.hub.orchestration.tools.ToolFailures;
import io.soma.hub.orchestration.tools.ToolInvoker;
import io.soma.hub.orchestration.tools.ToolResult;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * distribution: publishes the content (with the {@code update_content} overrides applied) on each
 * channel of the plan. A channel the tool rejects is reported as failed, not published; a tool that
 * is unavailable fails the attempt, and the retry sends only the channels whose answer is not
 * recorded yet.
 */
final class Distribution {

  private final ToolInvoker tools;
  private final io.soma.hub.store.campaign.CampaignArtifacts artifacts;

  Distribution(ToolInvoker tools, io.soma.hub.store.campaign.CampaignArtifacts artifacts) {
    this.tools = tools;
    this.artifacts = artifacts;
  }

  Map<String, Object> run(ModuleInput input) {
    Map<String, String> content =
        ContentCreation.piecesOf(input.outputsOf(CampaignModules.CONTENT));
    content.putAll(input.contentOverrides());
    Map<String, Object> design = input.outputsOf(CampaignModules.DESIGN);
    List<String> published = new ArrayList<>();
    Map<String, Object> failed = new LinkedHashMap<>();
    Map<String, Object> results = new LinkedHashMap<>();
    for (String channel : input.channels()) {
      ToolCall call = callFor(input, channel, content, DesignAssets.urlFor(design, channel));
      try {
        ToolResult result = tools.invoke(call);
        published.add(channel);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("status", result.dryRun() ? "dry_run" : "published");
        outcome.put("action", call.action());
        outcome.put("request_id", result.requestId());
        outcome.put("dry_run", result.dryRun());
        results.put(channel, outcome);
      } catch (ApplicationFailure failure) {
        if (!ToolFailures.REJECTED.equals(failure.getType())) {
          throw failure;
        }
        failed.put(channel, failure.getOriginalMessage());
        results.put(
            channel,
            Map.of(
                "status",
                "failed",
                "action",
                call.action(),
                "error",
                failure.getOriginalMessage()));
      }
    }
    if (published.isEmpty() && !failed.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no channel published the campaign: " + failed, CampaignFailures.DISTRIBUTION_FAILED);
    }
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("published_channels", published);
    outputs.put("failed_channels", failed);
    outputs.put("results", results);
    outputs.put("content", content);
    outputs.put("content_overrides_applied", List.copyOf(input.contentOverrides().keySet()));
    artifacts.record(
        input.campaignId(),
        input.tenant(),
        input.campaignName(),
        input.module().id(),
        "distributed_content",
        CampaignJson.write(content));
    return outputs;
  }

  private static ToolCall callFor(
      ModuleInput input, String channel, Map<String, String> content, String assetUrl) {
    String headline = content.getOrDefault("headline", input.campaignName());
    Map<String, Object> params = new LinkedHashMap<>();
    String action;
    switch (channel) {
      case "email" -> {
        action = "sendgrid.send_campaign";
        params.put("subject", content.getOrDefault("email_subject", headline));
        params.put("html_content", content.getOrDefault("email_body", ""));
        params.put("to_list", "marketing_subscribers");
      }
      case "blog" -> {
        action = "github.create_or_update_file";
        params.put("repo", "company-blog");
        params.put(
            "path",
            "_posts/"
                + input.launchDate()
                + "-"
                + ReviewRequest.slug(input.campaignName())
                + ".md");
        params.put(
            "content",
            "---\ntitle: \"" + headline + "\"\n---\n\n" + content.getOrDefault("blog_outline", ""));
        params.put("message", "Campaign " + input.campaignName());
      }
      case "social_linkedin", "social_twitter", "social_facebook" -> {
        action = "buffer.schedule_post";
        params.put("text", content.getOrDefault("social_post", headline));
        params.put("platforms", List.of(channel.substring("social_".length())));
      }
      case "slack_community" -> {
        action = "slack.send_message";
        params.put("channel", "#community");
        params.put("text", headline + " - " + content.getOrDefault("tagline", ""));
      }
      case "paid_ads" -> {
        action = "ads.create_campaign";
        params.put("headline", headline);
        params.put("description", content.getOrDefault("tagline", ""));
      }
      default -> {
        action = channel + ".publish";
        params.put("headline", headline);
        params.put("text", content.getOrDefault("social_post", headline));
      }
    }
    params.put("channel_id", channel);
    params.put("schedule_time", input.launchDate());
    if (assetUrl != null) {
      params.put("media_urls", List.of(assetUrl));
    }
    return new ToolCall(
        input.requestId("publish:" + channel), input.tenant(), input.campaignId(), action, params);
  }
}
