package io.soma.hub.orchestration.tools;

import java.time.Duration;

/**
 * Where the tool adapters send their requests. A blank URL puts that adapter in dry-run mode.
 *
 * @param slackWebhookUrl a Slack-compatible incoming webhook (HUB_TOOL_SLACK_WEBHOOK_URL)
 * @param githubApiUrl the GitHub REST API base, e.g. https://api.github.com
 *     (HUB_TOOL_GITHUB_API_URL)
 * @param webhookUrl the generic JSON webhook that receives every other tool action
 *     (HUB_TOOL_WEBHOOK_URL)
 */
public record ToolSettings(
    String slackWebhookUrl,
    String githubApiUrl,
    String githubToken,
    String githubOwner,
    String webhookUrl,
    String webhookToken,
    Duration connectTimeout,
    Duration requestTimeout) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

  public ToolSettings {
    connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
  }

  /** Every adapter in dry-run mode. */
  public static ToolSettings dryRun() {
    return new ToolSettings(null, null, null, null, null, null, null, null);
  }

  /** The longest one tool call can take. */
  public Duration callTimeout() {
    return connectTimeout.plus(requestTimeout);
  }

  static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
