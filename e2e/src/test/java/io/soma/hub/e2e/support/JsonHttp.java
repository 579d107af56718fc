package io.soma.hub.e2e.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.cli.ServerSentEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small JSON-over-HTTP client for tests: {@code hub.as(token).post("/v1/sessions",
 * Map.of("prompt", "hi"))}.
 */
public final class JsonHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;
  private final Map<String, String> headers;

  public JsonHttp(URI base) {
    this(base, Map.of());
  }

  private JsonHttp(URI base, Map<String, String> headers) {
    this.base = base;
    this.headers = Map.copyOf(headers);
  }

  /** The same client, sending {@code Authorization: Bearer token}. */
  public JsonHttp as(String token) {
    return header("Authorization", "Bearer " + token);
  }

  public JsonHttp header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new JsonHttp(base, more);
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  /**
   * POSTs the body as JSON; a String body is sent as it is, so tests can send malformed JSON. A
   * Content-Type set with {@link #header} replaces {@code application/json}.
   */
  public Response post(String path, Object body) {
    return send("POST", path, body instanceof String text ? text : write(body));
  }

  public Response send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !hasHeader("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    if (!hasHeader("Accept")) {
      request.header("Accept", "application/json, application/problem+json");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A server-sent event stream as it is being answered; closing it drops the connection. */
  public record OpenEvents(int status, ServerSentEvents events) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      events.close();
    }
  }

  /**
   * GETs a {@code text/event-stream} and hands the answer over open, read with the session CLI's
   * reader (what {@code ./hub session watch} reads with); an answer that is not a stream is there
   * too, as its events' data.
   */
  public OpenEvents openEvents(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (!hasHeader("Accept")) {
      request.header("Accept", "text/event-stream");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<InputStream> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      return new OpenEvents(response.statusCode(), new ServerSentEvents(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean hasHeader(String name) {
    return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public record Response(int status, Map<String, List<String>> headers, String body) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .flatMap(entry -> entry.getValue().stream())
          .findFirst();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
