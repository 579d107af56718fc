package io.soma.hub.store.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soma.hub.store.http.OpenAiCompatible;
import io.soma.hub.store.http.ResponseBodies;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client for any OpenAI-compatible {@code POST /v1/embeddings} ({@code {model, input:[...]}}
 * answered by {@code data[i].embedding}). One request per call and no retries of its own: the
 * gateway falls back to lexical ranking, the worker's activity retries within its bounded policy,
 * so no layer multiplies another's retries. Speaks HTTP/1.1 only, as the model client does.
 */
public final class OpenAiEmbeddings implements Embeddings {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_BODY_CHARS = 300;

  private final URI embeddingsUri;
  private final String model;
  private final String apiKey;
  private final Duration requestTimeout;
  private final HttpClient http;

  public OpenAiEmbeddings(
      String baseUrl,
      String model,
      String apiKey,
      Duration connectTimeout,
      Duration requestTimeout) {
    this.embeddingsUri = embeddingsUri(baseUrl);
    this.model = model;
    this.apiKey = apiKey;
    this.requestTimeout = requestTimeout;
    this.http = OpenAiCompatible.httpClient(connectTimeout);
  }

  /** Accepts a base URL with or without a trailing {@code /v1}. */
  static URI embeddingsUri(String baseUrl) {
    return OpenAiCompatible.endpoint(baseUrl, "embeddings");
  }

  public URI embeddingsUri() {
    return embeddingsUri;
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public List<float[]> embed(List<String> inputs) {
    if (inputs.isEmpty()) {
      return List.of();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(embeddingsUri)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(requestBody(inputs)));
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new EmbeddingsUnavailableException(
          "embeddings provider at " + embeddingsUri + " failed: " + e, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddingsUnavailableException(
          "interrupted while waiting for the embeddings provider", true, e);
    }
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      boolean retryable = status == 408 || status == 429 || status >= 500;
      throw new EmbeddingsUnavailableException(
          "embeddings provider at "
              + embeddingsUri
              + " answered HTTP "
              + status
              + ": "
              + abbreviate(response.body()),
          retryable,
          null);
    }
    return vectorsOf(response.body(), inputs.size());
  }

  private String requestBody(List<String> inputs) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    ArrayNode input = body.putArray("input");
    inputs.forEach(input::add);
    return body.toString();
  }

  /**
   * Orders the vectors by {@code data[i].index} when the provider gives one, as OpenAI's API does.
   */
  private List<float[]> vectorsOf(String body, int expected) {
    JsonNode data;
    try {
      data = JSON.readTree(body).path("data");
    } catch (IOException e) {
      throw malformed("is not JSON: " + abbreviate(body));
    }
    if (!data.isArray() || data.size() != expected) {
      throw malformed(
          "does not have one data[i].embedding per input (" + expected + "): " + abbreviate(body));
    }
    float[][] vectors = new float[expected][];
    for (int i = 0; i < expected; i++) {
      JsonNode item = data.get(i);
      int index = item.path("index").canConvertToInt() ? item.path("index").asInt() : i;
      JsonNode embedding = item.path("embedding");
      if (index < 0
          || index >= expected
          || vectors[index] != null
          || !embedding.isArray()
          || embedding.isEmpty()) {
        throw malformed("has a missing, empty or misplaced data[" + i + "].embedding");
      }
      float[] vector = new float[embedding.size()];
      for (int d = 0; d < vector.length; d++) {
        JsonNode component = embedding.get(d);
        if (!component.isNumber()) {
          throw malformed("has a non-numeric component in data[" + i + "].embedding");
        }
        vector[d] = component.floatValue();
      }
      vectors[index] = EmbeddingVectors.unit(vector);
    }
    return new ArrayList<>(List.of(vectors));
  }

  private EmbeddingsUnavailableException malformed(String what) {
    return new EmbeddingsUnavailableException(
        "the answer of the embeddings provider at " + embeddingsUri + " " + what, false, null);
  }

  private static String abbreviate(String text) {
    return ResponseBodies.abbreviate(text, MAX_ERROR_BODY_CHARS);
  }
}
