package io.soma.hub.orchestration.campaign;

import io.soma.hub.orchestration.tools.ToolCall;
import io.soma.hub.orchestration.tools.ToolInvoker;
import io.soma.hub.orchestration.tools.ToolResult;
import io.soma.hub.store.campaign.CampaignArtifacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * design_assets: one {@code figma.render_component} per channel of the plan, the asset chosen by
 * the channel.
 */
final class DesignAssets {

  static final String RENDER = "figma.render_component";

  record Asset(String type, String format) {}

  private static final Map<String, Asset> BY_CHANNEL =
      Map.of(
          "email", new Asset("email_banner", "png"),
          "blog", new Asset("blog_header", "jpg"),
          "social_linkedin", new Asset("social_post_image", "png"),
          "social_twitter", new Asset("social_post_image", "png"),
          "social_facebook", new Asset("social_post_image", "png"),
          "slack_community", new Asset("community_banner", "png"),
          "paid_ads", new Asset("ad_creative", "png"));

  private final ToolInvoker tools;
  private final CampaignArtifacts artifacts;

  DesignAssets(ToolInvoker tools, CampaignArtifacts artifacts) {
    this.tools = tools;
    this.artifacts = artifacts;
  }

  static Asset assetFor(String channel) {
    return BY_CHANNEL.getOrDefault(channel, new Asset(channel + "_creative", "png"));
  }

  Map<String, Object> run(ModuleInput input) {
    Map<String, Object> base =
        input.module().tasks().stream()
            .filter(task -> RENDER.equals(task.action()))
            .findFirst()
            .map(PlanTask::params)
            .orElse(Map.of());
    String headline =
        ContentCreation.piecesOf(input.outputsOf(CampaignModules.CONTENT))
            .getOrDefault("headline", input.campaignName());
    List<Map<String, Object>> assets = new ArrayList<>();
    Map<String, Object> byChannel = new LinkedHashMap<>();
    for (String channel : input.channels()) {
      Asset asset = assetFor(channel);
      Map<String, Object> params = new LinkedHashMap<>(base);
      params.put("component", asset.type());
      params.put("format", asset.format());
      params.put("channel", channel);
      params.put("campaign_name", input.campaignName());
      params.put("headline", headline);
      ToolResult result =
          tools.invoke(
              new ToolCall(
                  input.requestId("asset:" + channel),
                  input.tenant(),
                  input.campaignId(),
                  RENDER,
                  params));
      Map<String, Object> rendered = new LinkedHashMap<>();
      rendered.put("channel", channel);
      rendered.put("type", asset.type());
      rendered.put("format", asset.format());
      rendered.put(
          "url", result.text("file_url") != null ? result.text("file_url") : result.text("url"));
      rendered.put("dry_run", result.dryRun());
      rendered.put("request_id", result.requestId());
      assets.add(rendered);
      byChannel.put(channel, rendered);
      artifacts.record(
          input.campaignId(),
          input.tenant(),
          input.campaignName(),
          input.module().id(),
          "asset:" + channel,
          CampaignJson.write(rendered));
    }
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("assets", assets);
    outputs.put("assets_by_channel", byChannel);
    outputs.put("total_requested", input.channels().size());
    return outputs;
  }

  @SuppressWarnings("unchecked")
  static String urlFor(Map<String, Object> designOutputs, String channel) {
    Object byChannel = designOutputs.get("assets_by_channel");
    if (byChannel instanceof Map<?, ?> map && map.get(channel) instanceof Map<?, ?> asset) {
      Object url = ((Map<String, Object>) asset).get("url");
      return url == null ? null : String.valueOf(url);
    }
    return null;
  }
}
