package io.soma.hub.orchestration.tools;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every tool action without a dedicated adapter (notion.*, plane.*, figma.*, distribution
 * channels...): POST {@code {tenant, campaign_id, tool, action, params}} to one JSON webhook, which
 * may bridge to the real tools.
 */
final class GenericWebhookAdapter implements ToolAdapter {

  private final String webhookUrl;
  private final String token;

  GenericWebhookAdapter(String webhookUrl, String token) {
    this.webhookUrl = webhookUrl;
    this.token = token;
  }

  @Override
  public HttpPost requestFor(ToolCall call) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tenant", call.tenant());
    body.put("campaign_id", call.campaignId());
    body.put("tool", call.tool());
    body.put("action", call.action());
    body.put("params", call.params());
    Map<String, String> secret =
        ToolSettings.present(token) ? Map.of("Authorization", "Bearer " + token.strip()) : Map.of();
    return new HttpPost(
        configuredUrl().map(URI::create).orElse(null),
        Map.of("Idempotency-Key", call.requestId()),
        secret,
        body);
  }

  @Override
  public Optional<String> configuredUrl() {
    return Optional.ofNullable(webhookUrl).filter(ToolSettings::present).map(String::strip);
  }
}
