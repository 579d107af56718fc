package io.soma.hub.worker.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The OpenAI-compatible model endpoint; without a base URL the offline provider answers. */
@ConfigurationProperties("hub.model")
public record ModelProperties(
    String baseUrl,
    String name,
    String apiKey,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("120s") Duration requestTimeout) {

  public boolean configured() {
    return baseUrl != null && !baseUrl.isBlank();
  }
}
