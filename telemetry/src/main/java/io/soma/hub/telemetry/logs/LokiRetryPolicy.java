package io.soma.hub.telemetry.logs;

import com.github.loki4j.client.http.HttpConfig;
import com.github.loki4j.client.http.Loki4jHttpClient;
import com.github.loki4j.client.http.LokiResponse;
import com.github.loki4j.logback.HttpSender;
import com.github.loki4j.logback.JavaHttpSender;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * loki4j's JDK HTTP sender, retrying what Promtail and Alloy retry: loki4j on its own retries only
 * a refused connection, a timeout, 429 and 503, and drops the batch on any other failure. A Loki
 * pod being restarted also resets pooled connections and, behind a proxy, answers 502 or 504; those
 * batches are retried too. A retry cannot duplicate a line: Loki drops an entry identical in
 * stream, timestamp and content to one it already has.
 */
final class LokiRetryPolicy implements HttpSender {

  private final JavaHttpSender delegate = new JavaHttpSender();

  @Override
  public HttpConfig.Builder getConfig() {
    return delegate.getConfig();
  }

  @Override
  public Function<HttpConfig, Loki4jHttpClient> getHttpClientFactory() {
    Function<HttpConfig, Loki4jHttpClient> clients = delegate.getHttpClientFactory();
    return config -> new RetryableFailures(clients.apply(config));
  }

  /** Presents every transient failure as one of the two that loki4j retries. */
  private record RetryableFailures(Loki4jHttpClient client) implements Loki4jHttpClient {

    private static final int SERVICE_UNAVAILABLE = 503;

    @Override
    public LokiResponse send(ByteBuffer batch) throws Exception {
      LokiResponse response;
      try {
        response = client.send(batch);
      } catch (ConnectException | HttpTimeoutException retried) {
        throw retried;
      } catch (IOException transport) {
        ConnectException retryable = new ConnectException("Loki connection failed: " + transport);
        retryable.initCause(transport);
        throw retryable;
      }
      return response.status >= 500 && response.status != SERVICE_UNAVAILABLE
          ? new LokiResponse(
              SERVICE_UNAVAILABLE, "Loki answered " + response.status + ": " + response.body)
          : response;
    }

    @Override
    public HttpConfig getConfig() {
      return client.getConfig();
    }

    @Override
    public void close() throws Exception {
      client.close();
    }
  }
}
