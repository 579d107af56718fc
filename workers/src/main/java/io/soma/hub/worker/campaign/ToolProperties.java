package io.soma.hub.worker.campaign;

import io.soma.hub.orchestration.tools.ToolSettings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The campaign's tool adapters (HUB_TOOL_*); an adapter without a URL runs in dry-run mode. Bare
 * numbers are seconds.
 */
@ConfigurationProperties("hub.tools")
public record ToolProperties(
    String slackWebhookUrl,
    String githubApiUrl,
    String githubToken,
    String githubOwner,
    String webhookUrl,
    String webhookToken,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("5s") Duration connectTimeout,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("20s") Duration requestTimeout) {

  public ToolSettings settings() {
    return new ToolSettings(
        slackWebhookUrl,
        githubApiUrl,
        githubToken,
        githubOwner,
        webhookUrl,
        webhookToken,
        connectTimeout,
        requestTimeout);
  }
}
