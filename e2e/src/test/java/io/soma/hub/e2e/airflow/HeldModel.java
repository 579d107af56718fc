package io.soma.hub.e2e.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The worker's model provider (OpenAI chat completions, {@code POST /v1/chat/completions}), whose
 * answers the test decides: a prompt holding a marker passed to {@link #hold} gets no answer until
 * {@link #release} (so its session stays RUNNING, in its model step, for as long as the test
 * needs); a prompt with {@link #REFUSE} is refused with a 400, which the worker does not retry, so
 * its session FAILS; any other is answered at once. The hub itself is the real one: this stands in
 * for the third party it calls.
 */
final class HeldModel implements AutoCloseable {

  static final String REFUSE = "[refuse]";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();
  private final Set<String> arrived = ConcurrentHashMap.newKeySet();

  private HeldModel() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", this::answer);
    // A thread per call: a held call must not keep the others waiting.
    server.setExecutor(threads);
    server.start();
  }

  static HeldModel start() {
    try {
      return new HeldModel();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value for HUB_MODEL_BASE_URL (with OpenAI's /v1). */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Calls whose prompt contains {@code marker} wait for {@link #release}. */
  void hold(String marker) {
    gates.put(marker, new CompletableFuture<>());
  }

  /**
   * Whether a call with {@code marker} in its prompt has arrived (and is held, unless released).
   */
  boolean arrived(String marker) {
    return arrived.contains(marker);
  }

  void release(String marker) {
    gates.get(marker).complete(null);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      String prompt = "";
      for (JsonNode message : request.path("messages")) {
        if ("user".equals(message.path("role").asText())) {
          prompt = message.path("content").asText("");
        }
      }
      for (Map.Entry<String, CompletableFuture<Void>> gate : gates.entrySet()) {
        if (prompt.contains(gate.getKey())) {
          arrived.add(gate.getKey());
          gate.getValue().join();
        }
      }
      if (prompt.contains(REFUSE)) {
        send(
            exchange,
            400,
            "{\"error\":{\"message\":\"the e2e model refuses this prompt\",\"type\":\"invalid_request_error\"}}");
        return;
      }
      ObjectNode body = JSON.createObjectNode();
      body.put("id", "chatcmpl-airflow-e2e");
      body.put("object", "chat.completion");
      body.put("created", System.currentTimeMillis() / 1000);
      body.put("model", request.path("model").asText("e2e"));
      ObjectNode choice = body.putArray("choices").addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", "done: " + prompt);
      choice.put("finish_reason", "stop");
      body.putObject("usage")
          .put("prompt_tokens", 5)
          .put("completion_tokens", 5)
          .put("total_tokens", 10);
      send(exchange, 200, body.toString());
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    gates.values().forEach(gate -> gate.complete(null));
    server.stop(0);
    threads.shutdownNow();
  }
}
