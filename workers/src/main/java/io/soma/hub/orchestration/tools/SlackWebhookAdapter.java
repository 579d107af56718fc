package io.soma.hub.orchestration.tools;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code slack.send_message}: POST {@code {text, channel?, blocks?}} to a Slack-compatible incoming
 * webhook.
 */
final class SlackWebhookAdapter implements ToolAdapter {

  private final String webhookUrl;

  SlackWebhookAdapter(String webhookUrl) {
    this.webhookUrl = webhookUrl;
  }

  @Override
  public HttpPost requestFor(ToolCall call) {
    Map<String, Object> body = new LinkedHashMap<>();
    Object text = call.params().get("text");
    body.put(
        "text",
        text == null
            ? String.valueOf(call.params().getOrDefault("message", ""))
            : String.valueOf(text));
    if (call.params().get("channel") != null) {
      body.put("channel", String.valueOf(call.params().get("channel")));
    }
    if (call.params().get("blocks") != null) {
      body.put("blocks", call.params().get("blocks"));
    }
    return new HttpPost(
        configuredUrl().map(URI::create).orElse(null),
        Map.of("Idempotency-Key", call.requestId()),
        Map.of(),
        body);
  }

  @Override
  public Optional<String> configuredUrl() {
    return Optional.ofNullable(webhookUrl).filter(ToolSettings::present).map(String::strip);
  }
}
