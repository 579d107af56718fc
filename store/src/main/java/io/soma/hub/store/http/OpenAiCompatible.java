package io.soma.hub.store.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * What the hub's clients of OpenAI-compatible servers share (the embeddings client here, the
 * worker's model provider): where an endpoint is, from the base URL an operator configures, and the
 * JDK client they speak it with.
 */
public final class OpenAiCompatible {

  private OpenAiCompatible() {}

  /**
   * The endpoint {@code /v1/<path>} of a server, from a base URL with or without a trailing {@code
   * /v1} (and trailing slashes).
   */
  public static URI endpoint(String baseUrl, String path) {
    String base = baseUrl.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (base.endsWith("/v1")) {
      base = base.substring(0, base.length() - "/v1".length());
    }
    return URI.create(base + "/v1/" + path);
  }

  /**
   * An HTTP/1.1 client: some OpenAI-compatible servers mishandle the h2c upgrade the JDK client
   * offers by default.
   */
  public static HttpClient httpClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .build();
  }
}
