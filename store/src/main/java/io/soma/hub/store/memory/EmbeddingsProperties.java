package io.soma.hub.store.memory;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The OpenAI-compatible embeddings endpoint (HUB_EMBEDDINGS_BASE_URL, HUB_EMBEDDINGS_MODEL,
 * HUB_EMBEDDINGS_API_KEY, HUB_EMBEDDINGS_CONNECT_TIMEOUT, HUB_EMBEDDINGS_TIMEOUT). Without a base
 * URL memory is ranked lexically. The request timeout is short: a search waits for it before
 * falling back.
 */
@ConfigurationProperties("hub.embeddings")
public record EmbeddingsProperties(
    String baseUrl,
    String model,
    String apiKey,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("2s") Duration connectTimeout,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("10s") Duration requestTimeout) {

  public boolean configured() {
    return baseUrl != null && !baseUrl.isBlank();
  }

  public Embeddings embeddings() {
    if (!configured()) {
      return Embeddings.none();
    }
    if (model == null || model.isBlank()) {
      throw new IllegalStateException(
          "HUB_EMBEDDINGS_BASE_URL is set but HUB_EMBEDDINGS_MODEL is not: name the embeddings model");
    }
    return new OpenAiEmbeddings(baseUrl, model, apiKey, connectTimeout, requestTimeout);
  }
}
