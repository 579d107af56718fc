package io.soma.hub.worker.session;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The OpenAI-compatible model endpoint; without a base URL the offline provider answers. Bare
 * numbers are seconds.
 */
@ConfigurationProperties("hub.model")
public record ModelProperties(
    String baseUrl,
    String name,
    String apiKey,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("5s") Duration connectTimeout,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("120s") Duration requestTimeout) {

  public boolean configured() {
    return baseUrl != null && !baseUrl.isBlank();
  }
}
